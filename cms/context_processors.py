def footer(request):
    from cms.selectors import footer_pages

    # A callable, so that pages without a footer query nothing.
    return {"footer_pages": lambda: footer_pages(request=request)}
