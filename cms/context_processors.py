def footer(request):
    from cms.selectors import footer_pages, help_links

    # Callables, so that pages without a footer or menu query nothing.
    return {
        "footer_pages": lambda: footer_pages(request=request),
        "help_links": lambda: help_links(request=request),
    }
