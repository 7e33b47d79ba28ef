from django.urls import path

from forums.views import browse, moderation, posting

app_name = "forums"

urlpatterns = [
    path("", browse.CategoryListView.as_view(), name="index"),
    path("search/", browse.SearchView.as_view(), name="search"),
    path("c/<slug:slug>/", browse.CategoryDetailView.as_view(), name="category"),
    path("c/<slug:slug>/new/", posting.TopicCreateView.as_view(), name="topic_create"),
    path("t/<int:pk>/", browse.TopicDetailView.as_view(), name="topic"),
    path("t/<int:pk>/reply/", posting.ReplyView.as_view(), name="reply"),
    path(
        "t/<int:pk>/subscription/",
        posting.SubscriptionToggleView.as_view(),
        name="subscription",
    ),
    path(
        "t/<int:pk>/moderate/",
        moderation.TopicModerateView.as_view(),
        name="topic_moderate",
    ),
    path(
        "t/<int:pk>/knowledge-draft/",
        moderation.KnowledgeDraftView.as_view(),
        name="knowledge_draft",
    ),
    path("p/<int:pk>/edit/", posting.PostEditView.as_view(), name="post_edit"),
    path("p/<int:pk>/history/", posting.PostHistoryView.as_view(), name="post_history"),
    path("p/<int:pk>/flag/", posting.PostFlagView.as_view(), name="post_flag"),
    path("p/<int:pk>/solution/", posting.SolutionView.as_view(), name="solution"),
    path(
        "p/<int:pk>/moderate/",
        moderation.PostModerateView.as_view(),
        name="post_moderate",
    ),
    path("images/<int:pk>/", browse.ImageView.as_view(), name="image"),
    path("moderation/", moderation.QueueView.as_view(), name="queue"),
    path("moderation/log/", moderation.LogView.as_view(), name="log"),
    path(
        "moderation/suspend/<int:user_id>/",
        moderation.SuspendView.as_view(),
        name="suspend",
    ),
    path("moderators/", moderation.NominationView.as_view(), name="moderators"),
    path(
        "moderators/<int:pk>/remove/",
        moderation.NominationRemoveView.as_view(),
        name="moderator_remove",
    ),
]
