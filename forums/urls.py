from django.urls import path

from forums.views import browse, moderation, posting

app_name = "forums"

urlpatterns = [
    path("", browse.CategoryListView.as_view(), name="index"),
    path("search/", browse.SearchView.as_view(), name="search"),
    path("c/<slug:slug>/", browse.CategoryDetailView.as_view(), name="category"),
    path("c/<slug:slug>/new/", posting.TopicCreateView.as_view(), name="topic_create"),
    path("t/<id:pk>/", browse.TopicDetailView.as_view(), name="topic"),
    path("t/<id:pk>/reply/", posting.ReplyView.as_view(), name="reply"),
    path(
        "t/<id:pk>/subscription/",
        posting.SubscriptionToggleView.as_view(),
        name="subscription",
    ),
    path(
        "t/<id:pk>/moderate/",
        moderation.TopicModerateView.as_view(),
        name="topic_moderate",
    ),
    path(
        "t/<id:pk>/knowledge-draft/",
        moderation.KnowledgeDraftView.as_view(),
        name="knowledge_draft",
    ),
    path("p/<id:pk>/edit/", posting.PostEditView.as_view(), name="post_edit"),
    path("p/<id:pk>/history/", posting.PostHistoryView.as_view(), name="post_history"),
    path("p/<id:pk>/flag/", posting.PostFlagView.as_view(), name="post_flag"),
    path("p/<id:pk>/solution/", posting.SolutionView.as_view(), name="solution"),
    path(
        "p/<id:pk>/moderate/",
        moderation.PostModerateView.as_view(),
        name="post_moderate",
    ),
    path("images/<id:pk>/", browse.ImageView.as_view(), name="image"),
    path("moderation/", moderation.QueueView.as_view(), name="queue"),
    path("moderation/log/", moderation.LogView.as_view(), name="log"),
    path(
        "moderation/suspensions/",
        moderation.SuspensionListView.as_view(),
        name="suspensions",
    ),
    path(
        "moderation/suspensions/<id:pk>/lift/",
        moderation.SuspensionLiftView.as_view(),
        name="suspension_lift",
    ),
    path(
        "moderation/suspend/<id:user_id>/",
        moderation.SuspendView.as_view(),
        name="suspend",
    ),
    path("moderators/", moderation.NominationView.as_view(), name="moderators"),
    path(
        "moderators/<id:pk>/remove/",
        moderation.NominationRemoveView.as_view(),
        name="moderator_remove",
    ),
]
