"""/api/v1/ products, orders, invoices, and the ERP's order endpoints."""

from django.urls import path

from api.views import erp_orders, orders, products

urlpatterns = [
    path("products/", products.ProductListView.as_view(), name="products-list"),
    path(
        "products/<str:sku>/",
        products.ProductDetailView.as_view(),
        name="products-detail",
    ),
    path("orders/", orders.OrderListCreateView.as_view(), name="orders-list"),
    path(
        "orders/<str:number>/", orders.OrderDetailView.as_view(), name="orders-detail"
    ),
    path("invoices/", orders.InvoiceListView.as_view(), name="invoices-list"),
    path(
        "invoices/<str:number>/pdf/",
        orders.InvoicePdfView.as_view(),
        name="invoices-pdf",
    ),
    path("erp/orders/", erp_orders.ErpOrderListView.as_view(), name="erp-orders-list"),
    path(
        "erp/orders/<str:number>/status/",
        erp_orders.ErpOrderStatusView.as_view(),
        name="erp-orders-status",
    ),
    path(
        "erp/orders/<str:number>/shipments/",
        erp_orders.ErpOrderShipmentView.as_view(),
        name="erp-orders-shipments",
    ),
]
