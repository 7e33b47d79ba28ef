from django.urls import path

from returns import views

app_name = "returns"

urlpatterns = [
    path("", views.ReturnListView.as_view(), name="list"),
    path("export.csv", views.ReturnExportView.as_view(), name="export"),
    path("credit-notes/", views.CreditNoteListView.as_view(), name="credit_notes"),
    path("new/<str:number>/", views.ReturnCreateView.as_view(), name="create"),
    path("desk/", views.DeskQueueView.as_view(), name="desk"),
    path("desk/policy/", views.DeskPolicyView.as_view(), name="desk_policy"),
    path("desk/<str:number>/", views.DeskDetailView.as_view(), name="desk_detail"),
    path("<str:number>/", views.ReturnDetailView.as_view(), name="detail"),
    path("<str:number>/label.pdf", views.ReturnLabelView.as_view(), name="label"),
    path(
        "<str:number>/credit-note.pdf",
        views.CreditNoteView.as_view(),
        name="credit_note",
    ),
    path(
        "<str:number>/photos/<id:pk>/", views.ReturnPhotoView.as_view(), name="photo"
    ),
]
