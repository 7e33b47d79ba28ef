from django.urls import path

from cms import views
from cms.feeds import NewsFeed

app_name = "cms"

urlpatterns = [
    path(
        "trainings/lessons/<id:pk>/done/",
        views.LessonCompleteView.as_view(),
        name="lesson_complete",
    ),
    path(
        "trainings/courses/<id:pk>/quiz/",
        views.CourseQuizView.as_view(),
        name="course_quiz",
    ),
    path(
        "trainings/courses/<id:pk>/certificate/",
        views.CourseCertificateView.as_view(),
        name="course_certificate",
    ),
    path(
        "trainings/courses/<id:pk>/certificate/<id:user_pk>/",
        views.CourseCertificateView.as_view(),
        name="course_certificate_member",
    ),
    path(
        "certificates/verify/<str:number>/",
        views.CertificateVerifyView.as_view(),
        name="certificate_verify",
    ),
    path("trainings/team/", views.TrainingTeamView.as_view(), name="training_team"),
    path("news/feed/<str:token>/", NewsFeed(), name="news_feed"),
    path(
        "knowledge/articles/<id:pk>/feedback/",
        views.ArticleFeedbackView.as_view(),
        name="article_feedback",
    ),
]
