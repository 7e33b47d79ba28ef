from cms.models.base import AudiencePageMixin, stricter
from cms.models.documents import PortalDocument
from cms.models.knowledge import (
    ArticleFeedback,
    ArticlePage,
    ArticleStats,
    KnowledgeCategoryPage,
    KnowledgeIndexPage,
    SearchMiss,
)
from cms.models.pages import (
    ContentPage,
    HomePage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
)
from cms.models.training import (
    CoursePage,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
    TrainingIndexPage,
)

__all__ = [
    "ArticleFeedback",
    "ArticlePage",
    "ArticleStats",
    "AudiencePageMixin",
    "ContentPage",
    "CoursePage",
    "HomePage",
    "KnowledgeCategoryPage",
    "KnowledgeIndexPage",
    "LessonCompletion",
    "LessonPage",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "PortalDocument",
    "QuizAttempt",
    "SearchMiss",
    "TrainingIndexPage",
    "stricter",
]
