from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    """`?page=` and `?page_size=` (up to 100); 25 a page unless asked."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
