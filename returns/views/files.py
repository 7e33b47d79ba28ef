"""The files of a return: for the company's members who may see the return,
and the returns desk."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.views import View

from partner_portal.access import PolicyRequiredMixin
from partner_portal.files import ATTACHMENT, INLINE, PDF, private_file_response
from partner_portal.permissions import Capability
from partner_portal.policy import RETURNS_DESK, Member
from returns.selectors import desk_return_get, return_get


class ReturnFileMixin(PolicyRequiredMixin):
    """Opens a return for its company's members (through the scoping helper;
    another company's return answers 404) or for the returns desk."""

    policy = Member(Capability.ORDER_VIEW_OWN) | RETURNS_DESK

    @cached_property
    def desk(self):
        return RETURNS_DESK.allows(self.request)

    def return_request(self, request, number):
        if self.desk:
            return desk_return_get(number=number)
        return return_get(
            company=self.company,
            user=request.user,
            membership=request.membership,
            number=number,
        )


class ReturnLabelView(ReturnFileMixin, View):
    def get(self, request, number):
        return_request = self.return_request(request, number)
        return private_file_response(
            return_request.label_pdf,
            filename=f"{return_request.number}-label.pdf",
            content_type=PDF,
            disposition=ATTACHMENT,
        )


class ReturnPhotoView(ReturnFileMixin, View):
    def get(self, request, number, pk):
        return_request = self.return_request(request, number)
        photo = get_object_or_404(return_request.photos.all(), pk=pk)
        extension = photo.content_type.split("/")[-1].replace("jpeg", "jpg")
        return private_file_response(
            photo.image,
            filename=f"{return_request.number}-{photo.pk}.{extension}",
            content_type=photo.content_type,
            disposition=INLINE,
        )


class CreditNoteView(ReturnFileMixin, View):
    def get(self, request, number):
        return_request = self.return_request(request, number)
        note = getattr(return_request, "credit_note", None)
        if note is None:
            raise Http404
        return private_file_response(
            note.pdf,
            filename=f"{note.number}.pdf",
            content_type=PDF,
            disposition=ATTACHMENT,
        )
