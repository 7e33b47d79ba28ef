"""Portal views around the Wagtail pages: progress, quiz, certificate, team
progress and article feedback. Pages themselves are served by Wagtail."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View

from cms import certificates, selectors, services
from cms.forms import ArticleFeedbackForm, QuizForm
from cms.models import ArticlePage, CoursePage, LessonPage
from partner_portal.access import PolicyRequiredMixin
from partner_portal.audience import may_see
from partner_portal.files import ATTACHMENT, PDF, private_content_response
from partner_portal.issuer import issuer_details
from partner_portal.models import Membership
from partner_portal.permissions import Capability, capabilities_for
from partner_portal.policy import PUBLIC, SIGNED_IN, Member


def _visible_page_or_404(model, request, pk):
    page = model.objects.live().filter(pk=pk).first()
    if page is None or not may_see(request, page.audience):
        raise Http404
    return page


class LessonCompleteView(PolicyRequiredMixin, View):
    policy = Member(Capability.COMPANY_VIEW)

    def post(self, request, pk):
        lesson = _visible_page_or_404(LessonPage, request, pk)
        services.lesson_complete(company=self.company, user=request.user, lesson=lesson)
        messages.success(
            request, _("“%(title)s” is marked as done.") % {"title": lesson.title}
        )
        course = lesson.get_parent().specific
        lessons = selectors.lesson_list(request=request, course=course)
        ids = [page.pk for page in lessons]
        if lesson.pk in ids and ids.index(lesson.pk) + 1 < len(ids):
            return redirect(lessons[ids.index(lesson.pk) + 1].url)
        return redirect(course.url)


class CourseQuizView(PolicyRequiredMixin, View):
    policy = Member(Capability.COMPANY_VIEW)
    template_name = "cms/course_quiz.html"

    def _course(self, request, pk):
        course = _visible_page_or_404(CoursePage, request, pk)
        if not course.has_quiz:
            raise Http404
        return course

    def _render(self, request, course, form):
        progress = selectors.course_progress(
            company=self.company, user=request.user, course=course
        )
        return render(
            request,
            self.template_name,
            {"course": course, "form": form, "progress": progress},
        )

    def get(self, request, pk):
        course = self._course(request, pk)
        return self._render(request, course, QuizForm(course=course))

    def post(self, request, pk):
        course = self._course(request, pk)
        form = QuizForm(request.POST, course=course)
        if form.is_valid():
            try:
                attempt = services.quiz_submit(
                    company=self.company,
                    user=request.user,
                    course=course,
                    answers=form.answers(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                values = {
                    "score": attempt.score,
                    "correct": attempt.correct,
                    "total": attempt.total,
                }
                if attempt.passed:
                    messages.success(
                        request,
                        _(
                            "Passed: %(correct)s of %(total)s answers correct "
                            "(%(score)s%%)."
                        )
                        % values,
                    )
                else:
                    messages.warning(
                        request,
                        _(
                            "Not passed: %(correct)s of %(total)s answers correct "
                            "(%(score)s%%). Read the lessons again and retry."
                        )
                        % values,
                    )
                return redirect(course.url)
        return self._render(request, course, form)


class CourseCertificateView(PolicyRequiredMixin, View):
    """The certificate PDF of a completed course: for the person themselves and
    their company admins; anyone else (another company, a colleague who is
    not an admin, an unfinished course) gets 404."""

    policy = Member(Capability.COMPANY_VIEW)

    def get(self, request, pk, user_pk=None):
        course = _visible_page_or_404(CoursePage, request, pk)
        if user_pk is None or user_pk == request.user.pk:
            member = request.membership
        else:
            if Capability.MEMBERS_MANAGE not in capabilities_for(request.membership):
                raise Http404
            member = (
                Membership.objects.for_company(self.company)
                .filter(user_id=user_pk)
                .select_related("user", "company")
                .first()
            )
            if member is None:
                raise Http404
        progress = selectors.course_progress(
            company=self.company, user=member.user, course=course
        )
        if not progress.complete:
            raise Http404
        pdf = certificates.certificate_pdf(
            certificates.certificate_facts(
                company=self.company,
                user=member.user,
                course=course,
                progress=progress,
            )
        )
        return private_content_response(
            pdf,
            filename=f"certificate-{slugify(course.slug)}-{member.user_id}.pdf",
            content_type=PDF,
            disposition=ATTACHMENT,
        )


class TrainingTeamView(PolicyRequiredMixin, View):
    policy = Member(Capability.MEMBERS_MANAGE)

    def get(self, request):
        courses, rows = selectors.team_progress(
            company=self.company, viewer=request.user
        )
        return render(
            request,
            "cms/training_team.html",
            {"courses": courses, "rows": rows, "company": self.company},
        )


class ArticleFeedbackView(PolicyRequiredMixin, View):
    # Which articles a user may rate is the audience rule's answer (404).
    policy = SIGNED_IN

    def post(self, request, pk):
        article = _visible_page_or_404(ArticlePage, request, pk)
        form = ArticleFeedbackForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            request.session["cms_feedback_comment"] = request.POST.get("comment", "")[
                :1000
            ]
            return redirect(article.url + "#feedback")
        services.article_feedback_set(
            user=request.user,
            article=article,
            helpful=form.cleaned_data["helpful"],
            comment=form.cleaned_data["comment"],
        )
        request.session.pop("cms_feedback_comment", None)
        messages.success(request, _("Thank you for your feedback."))
        return redirect(article.url + "#feedback")


class CertificateVerifyView(View):
    """Public: whoever holds a certificate number (a customer, an auditor)
    checks that it is genuine and still valid; the number is the credential.
    An unknown or forged number answers 404 with the same page."""

    policy = PUBLIC

    def get(self, request, number):
        facts = certificates.certificate_verify(number=number)
        return render(
            request,
            "cms/certificate_verify.html",
            {"facts": facts, "number": number, "issuer": issuer_details()},
            status=200 if facts else 404,
        )
