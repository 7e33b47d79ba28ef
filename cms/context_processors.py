def footer(request):
    from cms.frame import footer_pages_cached

    # Callables, so that pages without a footer query nothing; cached per
    # audience and language (cms.frame).
    return {"footer_pages": lambda: footer_pages_cached(request)}
