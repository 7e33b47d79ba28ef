# Forked so that browsing and searching the catalogue read the database with a
# fixed number of queries, instead of haystack's simple backend (which cannot
# filter, so Oscar's catalogue showed no products) or a separate search server.
import hashlib
import logging
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.core.loading import get_model
from oscar.core.thumbnails import get_thumbnailer

from partner_portal.page_cache import page_cached
from partner_portal.search_config import full_text_available, full_text_filter

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")

logger = logging.getLogger(__name__)


class ProductSearchForm(forms.Form):
    SORT_BY = {
        "": ("title", _("Title A to Z")),
        "title-desc": ("-title", _("Title Z to A")),
        "newest": ("-date_created", _("Newest")),
    }
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    sort_by = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(key, label) for key, (_field, label) in SORT_BY.items()],
    )

    def __init__(self, *args, ranked=False, **kwargs):
        """`ranked`: results carry a relevance (a full-text search on
        PostgreSQL), the best match comes first unless another order is
        chosen."""
        super().__init__(*args, **kwargs)
        self.ranked = ranked
        if ranked:
            title = self.SORT_BY[""][1]
            self.fields["sort_by"].choices = [
                ("", _("Best match")),
                ("title", title),
                *self.fields["sort_by"].choices[1:],
            ]

    # An unbound or invalid form (a visitor's odd input) means: all, by title
    # (by relevance first when ranked); None: by relevance.
    def ordering(self):
        key = self.cleaned_data.get("sort_by", "") if self.is_valid() else ""
        if self.ranked:
            if key == "":
                return None
            key = "" if key == "title" else key
        return self.SORT_BY.get(key, self.SORT_BY[""])[0]

    def query(self):
        return self.cleaned_data.get("q", "").strip() if self.is_valid() else ""


CARD_THUMBNAIL = {"size": "300x300", "upscale": False}
# sorl names a thumbnail after its source file's name and options, so a new
# picture (a new file name) gets a new key; the timeout bounds a file deleted
# and uploaded again under the same name with other proportions.
THUMBNAIL_TIMEOUT = 60 * 60


@dataclass(frozen=True)
class Thumbnail:
    url: str
    width: int
    height: int


def _thumbnail_key(name: str) -> str:
    options = f"{name}|{CARD_THUMBNAIL['size']}|{CARD_THUMBNAIL['upscale']}"
    return "catalogue-thumb:" + hashlib.sha256(options.encode()).hexdigest()


def source_of(image):
    # Oscar's primary_image() is a dict (with Oscar's placeholder picture)
    # for a product without pictures, else a ProductImage.
    return image["original"] if isinstance(image, dict) else image.original


def _name(source) -> str:
    return source if isinstance(source, str) else source.name


def card_thumbnails(images) -> dict[str, Thumbnail]:
    """The product cards' thumbnails by source file name, from the cache in
    one read: sorl-thumbnail asked its key-value store and parsed its options
    once per card (about an eighth of the catalogue page)."""
    names = {_name(source_of(image)) for image in images}
    keys = {_thumbnail_key(name): name for name in names}
    found = {
        keys[key]: Thumbnail(*value) for key, value in cache.get_many(keys).items()
    }
    missing = {}
    for image in images:
        source = source_of(image)
        name = _name(source)
        if name in found:
            continue
        try:
            thumb = get_thumbnailer().generate_thumbnail(source, **CARD_THUMBNAIL)
            found[name] = Thumbnail(thumb.url, thumb.width, thumb.height)
        except Exception:
            # As Oscar's thumbnail tag: a broken picture leaves its card
            # without one instead of failing the page.
            logger.exception("No thumbnail for %s", name)
            continue
        missing[_thumbnail_key(name)] = (thumb.url, thumb.width, thumb.height)
    if missing:
        cache.set_many(missing, THUMBNAIL_TIMEOUT)
    return found


@dataclass
class Hit:
    """Oscar's templates expect haystack results: `hit.object` is the product.
    The rest is what the product card shows, worked out once per product here
    instead of per template tag (Oscar asks the strategy three times a card)."""

    object: object
    info: object = None  # the strategy's PurchaseInfo
    url: str = ""
    image: object = None  # None: no picture
    quantity_label: str = ""
    thumbnail: Thumbnail | None = None

    @property
    def can_buy(self) -> bool:
        product = self.object
        return (
            not product.is_parent
            and not product.has_options
            and self.info.availability.is_available_to_buy
            and self.info.price.exists
        )


def hit_for(product, strategy) -> Hit:
    if product.is_parent:
        info = strategy.fetch_for_parent(product)
    else:
        info = strategy.fetch_for_product(product)
    image = product.primary_image()
    return Hit(
        object=product,
        info=info,
        url=product.get_absolute_url(),
        image=None if getattr(image, "is_missing", False) else image,
        quantity_label=_("Quantity of %(title)s") % {"title": product.get_title()},
    )


class ProductListView(ListView):
    paginate_by = settings.OSCAR_PRODUCTS_PER_PAGE
    context_object_name = "products"

    @page_cached
    def get(self, request, *args, **kwargs):
        ranked = full_text_available() and bool(request.GET.get("q", "").strip())
        self.form = ProductSearchForm(request.GET or None, ranked=ranked)
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            messages.error(request, _("The given page number was invalid."))
            return redirect(request.path)

    def products(self):
        # Oscar's base_queryset() without the prefetches a card does not read
        # (children, options: the annotations answer has_options).
        return (
            Product.objects.browsable()
            .base_queryset()
            .prefetch_related(None)
            .prefetch_related("stockrecords", "images")
        )

    def get_queryset(self):
        products = self.products()
        query = self.form.query()
        if query:
            terms = Q()
            for term in query.split()[:10]:
                sku = StockRecord.objects.filter(
                    product=OuterRef("pk"), partner_sku__icontains=term
                )
                terms &= Q(title__icontains=term) | Q(upc__iexact=term) | Exists(sku)
            if self.form.ranked:
                # Also the title's and description's word forms in the
                # reader's language (partner_portal/search_config.py).
                fields = [("title", "A"), ("description", "B")]
                products = full_text_filter(
                    products, fields=fields, query=query, also=terms
                )
            else:
                products = products.filter(terms)
        ordering = self.form.ordering()
        if ordering is None:
            return products.order_by("-search_rank", "title", "pk")
        return products.order_by(ordering, "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        strategy = self.request.strategy
        hits = [hit_for(product, strategy) for product in context["object_list"]]
        thumbnails = card_thumbnails([hit.image for hit in hits if hit.image])
        for hit in hits:
            if hit.image:
                hit.thumbnail = thumbnails.get(_name(source_of(hit.image)))
        context["products"] = hits
        context["form"] = self.form
        context["search_form"] = self.form
        context["query"] = self.form.query()
        context["page"] = context["page_obj"]
        return context


class CatalogueView(ProductListView):
    template_name = "oscar/catalogue/browse.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = _("All products")
        return context


class ProductCategoryView(ProductListView):
    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404
        expected = self.category.get_absolute_url()
        if expected != request.path:
            return HttpResponsePermanentRedirect(expected)
        return super().get(request, *args, **kwargs)

    def products(self):
        categories = self.category.get_descendants_and_self()
        return super().products().filter(categories__in=categories).distinct()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        return context


class FacetedSearchView(ProductListView):
    template_name = "oscar/search/results.html"
    context_object_name = "results"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["results"] = context["products"]
        return context
