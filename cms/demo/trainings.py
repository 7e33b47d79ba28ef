"""Two courses with their lessons, one with a quiz."""

from cms.demo.base import _child, _document, _stream
from cms.demo.content import QUIZ
from cms.models import (
    CoursePage,
    LessonPage,
    TrainingIndexPage,
)
from partner_portal.audience import Audience


def _trainings(home):
    index = _child(
        home,
        TrainingIndexPage,
        "trainings",
        title="Trainings",
        intro="Short courses about our products and the partner programme.",
        audience=Audience.SIGNED_IN,
    )
    material = _document(
        "Partner programme checklist",
        "partner-checklist.pdf",
        [
            "1. Read the partner terms.",
            "2. Order the campaign material.",
            "3. Register your sales team for the trainings.",
        ],
        Audience.PARTNERS,
    )
    partner_course = _child(
        index,
        CoursePage,
        "partner-programme",
        title="The partner programme",
        intro="What partners get, how tiers work and where to find material.",
        audience=Audience.PARTNERS,
        pass_mark=66,
        quiz=_stream(
            *[
                (
                    "question",
                    {
                        "question": question,
                        "answers": [
                            {"text": text, "correct": number == right}
                            for number, text in enumerate(answers)
                        ],
                    },
                )
                for question, answers, right in QUIZ
            ]
        ),
    )
    for slug, title, minutes, body in (
        (
            "welcome",
            "Welcome to the programme",
            5,
            _stream(
                (
                    "paragraph",
                    "<p>As a partner you resell our range with "
                    "partner prices, campaign material and trainings.</p>",
                ),
                (
                    "video",
                    {
                        "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                        "title": "The programme in three minutes",
                    },
                ),
            ),
        ),
        (
            "tiers",
            "Partner tiers",
            10,
            _stream(
                (
                    "paragraph",
                    "<p>Partners start without a tier; silver and gold "
                    "partners see more material and get higher bonuses.</p>",
                ),
            ),
        ),
        (
            "material",
            "Campaign material",
            10,
            _stream(
                ("paragraph", "<p>Download the checklist and keep it at hand.</p>"),
                ("download", {"document": material.pk, "title": ""}),
            ),
        ),
    ):
        _child(
            partner_course,
            LessonPage,
            slug,
            title=title,
            duration_minutes=minutes,
            body=body,
            audience=Audience.PARTNERS,
        )
    safety_course = _child(
        index,
        CoursePage,
        "safety-basics",
        title="Safety equipment basics",
        intro="Choosing helmets, gloves and glasses for your team.",
        audience=Audience.SIGNED_IN,
    )
    for slug, title, body in (
        (
            "helmets",
            "Helmets",
            "<p>Replace a helmet after every heavy impact and "
            "at the latest after five years.</p>",
        ),
        (
            "gloves",
            "Gloves",
            "<p>Pick the glove by the risk: cut, heat or "
            "chemicals. Size matters for grip.</p>",
        ),
    ):
        _child(
            safety_course,
            LessonPage,
            slug,
            title=title,
            duration_minutes=8,
            body=_stream(("paragraph", body)),
            audience=Audience.SIGNED_IN,
        )
