"""Reads for pages, tiles and views. Every list of pages goes through the
audience rule (`audience_q`), so nobody sees a title they may not open.

One module per kind of content; every public name is importable from here.
"""

from cms.selectors.frame import footer_pages, help_links
from cms.selectors.knowledge import (
    MAX_QUERY,
    MAX_TERMS,
    SearchHit,
    article_feedback_of,
    article_list,
    article_related,
    article_search,
    draft_category_list,
    highlight,
    knowledge_categories,
    knowledge_report,
    search_terms,
)
from cms.selectors.news import (
    news_categories,
    news_for_audiences,
    news_latest,
    news_list,
)
from cms.selectors.training import (
    CourseProgress,
    course_list,
    course_list_with_progress,
    course_progress,
    lesson_list,
    team_progress,
)

__all__ = [
    "CourseProgress",
    "MAX_QUERY",
    "MAX_TERMS",
    "SearchHit",
    "article_feedback_of",
    "article_list",
    "article_related",
    "article_search",
    "course_list",
    "course_list_with_progress",
    "course_progress",
    "draft_category_list",
    "footer_pages",
    "help_links",
    "highlight",
    "knowledge_categories",
    "knowledge_report",
    "lesson_list",
    "news_categories",
    "news_for_audiences",
    "news_latest",
    "news_list",
    "search_terms",
    "team_progress",
]
