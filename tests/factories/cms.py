"""Pages for tests: a landing page as the site root, and helpers that add
news, trainings and knowledge articles below it (published)."""

import json

from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.models import Page, Site

from cms.models import (
    ArticlePage,
    CoursePage,
    HomePage,
    KnowledgeCategoryPage,
    KnowledgeIndexPage,
    LessonPage,
    NewsIndexPage,
    NewsPage,
    PortalDocument,
    TrainingIndexPage,
)
from partner_portal.audience import Audience


def stream(*blocks):
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def home_page():
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    for page in root.get_children().filter(slug="home"):
        page.delete()
    home = root.add_child(
        instance=HomePage(title="Welcome", slug="home", hero_title="Hi")
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "Portal"},
    )
    return home


def _child(parent, model, **fields):
    fields.setdefault("slug", fields["title"].lower().replace(" ", "-"))
    existing = model.objects.child_of(parent).filter(slug=fields["slug"]).first()
    return existing or parent.add_child(instance=model(**fields))


def news_index():
    return _child(home_page(), NewsIndexPage, title="News")


def news_page(title="Hello", *, audience=Audience.EVERYONE, date="2026-11-01", **kw):
    return news_index().add_child(
        instance=NewsPage(
            title=title, intro=f"About {title}", date=date, audience=audience, **kw
        )
    )


def training_index():
    return _child(
        home_page(), TrainingIndexPage, title="Trainings", audience=Audience.SIGNED_IN
    )


QUIZ = [
    ("Two plus two?", ["Three", "Four"], 1),
    ("Capital of Germany?", ["Berlin", "Bonn", "Hamburg"], 0),
]


def quiz_stream(questions=QUIZ):
    return stream(
        *[
            (
                "question",
                {
                    "question": question,
                    "answers": [
                        {"text": text, "correct": index == right}
                        for index, text in enumerate(answers)
                    ],
                },
            )
            for question, answers, right in questions
        ]
    )


def course_page(
    title="Course", *, audience=Audience.PARTNERS, lessons=2, quiz=False, pass_mark=100
):
    course = training_index().add_child(
        instance=CoursePage(
            title=title,
            intro=f"About {title}",
            audience=audience,
            quiz=quiz_stream() if quiz else "[]",
            pass_mark=pass_mark,
        )
    )
    for number in range(1, lessons + 1):
        course.add_child(
            instance=LessonPage(
                title=f"{title} lesson {number}",
                slug=f"lesson-{number}",
                body=stream(("paragraph", f"<p>Lesson {number}</p>")),
                audience=audience,
            )
        )
    return CoursePage.objects.get(pk=course.pk)


def lessons_of(course):
    return list(LessonPage.objects.child_of(course).order_by("path"))


def knowledge_index():
    return _child(home_page(), KnowledgeIndexPage, title="Knowledge")


def knowledge_category(title="Ordering", *, audience=Audience.EVERYONE):
    return _child(
        knowledge_index(), KnowledgeCategoryPage, title=title, audience=audience
    )


def article_page(
    title,
    *,
    summary="",
    body="",
    audience=Audience.EVERYONE,
    category=None,
    kind=ArticlePage.Kind.ARTICLE,
):
    category = category or knowledge_category()
    return category.add_child(
        instance=ArticlePage(
            title=title,
            summary=summary or f"Summary of {title}",
            body=stream(("paragraph", f"<p>{body}</p>")) if body else "[]",
            audience=audience,
            kind=kind,
        )
    )


PDF_BYTES = b"%PDF-1.4\n% test material\n"


def document(title="Material", *, audience=Audience.PARTNERS, content=PDF_BYTES):
    doc = PortalDocument(title=title, audience=audience)
    doc.file.save(f"{title.lower()}.pdf", ContentFile(content), save=False)
    doc.save()
    return doc
