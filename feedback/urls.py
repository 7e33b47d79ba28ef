"""Mounted at the site's root (config/urls.py): the form lives beside every
page at /feedback/, the staff queue in the portal at /portal/feedback/."""

from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("feedback/", views.FeedbackSendView.as_view(), name="send"),
    path("feedback/thanks/", views.FeedbackThanksView.as_view(), name="thanks"),
    path("portal/feedback/", views.FeedbackQueueView.as_view(), name="queue"),
    path(
        "portal/feedback/export.csv",
        views.FeedbackExportView.as_view(),
        name="export",
    ),
    path(
        "portal/feedback/<int:pk>/status/",
        views.FeedbackHandleView.as_view(),
        name="handle",
    ),
]
