from django.urls import path

from returns.views import customer, desk, files

app_name = "returns"

urlpatterns = [
    path("", customer.ReturnListView.as_view(), name="list"),
    path("export.csv", customer.ReturnExportView.as_view(), name="export"),
    path("credit-notes/", customer.CreditNoteListView.as_view(), name="credit_notes"),
    path("new/<str:number>/", customer.ReturnCreateView.as_view(), name="create"),
    path("desk/", desk.DeskQueueView.as_view(), name="desk"),
    path("desk/policy/", desk.DeskPolicyView.as_view(), name="desk_policy"),
    path("desk/<str:number>/", desk.DeskDetailView.as_view(), name="desk_detail"),
    *(
        path(f"desk/<str:number>/{step}/", view.as_view(), name=f"desk_{step}")
        for step, view in desk.DESK_STEPS.items()
    ),
    path("<str:number>/", customer.ReturnDetailView.as_view(), name="detail"),
    path("<str:number>/label.pdf", files.ReturnLabelView.as_view(), name="label"),
    path(
        "<str:number>/credit-note.pdf",
        files.CreditNoteView.as_view(),
        name="credit_note",
    ),
    path(
        "<str:number>/photos/<int:pk>/", files.ReturnPhotoView.as_view(), name="photo"
    ),
]
