from django.urls import path

from orders.views import (
    approvals,
    budgets,
    checkout,
    history,
    payments,
    quick_order,
    staff_prices,
)

app_name = "orders"

urlpatterns = [
    path("", history.OrderListView.as_view(), name="list"),
    path("export/<str:fmt>/", history.OrderExportView.as_view(), name="export"),
    path("checkout/", checkout.CheckoutView.as_view(), name="checkout"),
    path("quick-order/", quick_order.QuickOrderView.as_view(), name="quick_order"),
    path("approvals/", approvals.ApprovalListView.as_view(), name="approvals"),
    path(
        "approvals/<id:pk>/",
        approvals.ApprovalDetailView.as_view(),
        name="approval_detail",
    ),
    path("budgets/", budgets.BudgetListView.as_view(), name="budgets"),
    path(
        "budgets/<id:pk>/delete/",
        budgets.BudgetDeleteView.as_view(),
        name="budget_delete",
    ),
    path(
        "staff/companies/<id:company_pk>/prices/",
        staff_prices.StaffCompanyPricesView.as_view(),
        name="staff_company_prices",
    ),
    path(
        "staff/companies/<id:company_pk>/prices/<id:pk>/",
        staff_prices.StaffCompanyPriceEditView.as_view(),
        name="staff_company_price_edit",
    ),
    path(
        "staff/companies/<id:company_pk>/prices/<id:pk>/delete/",
        staff_prices.StaffCompanyPriceDeleteView.as_view(),
        name="staff_company_price_delete",
    ),
    path(
        "staff/companies/<id:company_pk>/account/",
        staff_prices.StaffCompanyAccountView.as_view(),
        name="staff_company_account",
    ),
    path(
        "stripe/webhook/",
        payments.StripeWebhookView.as_view(),
        name="stripe_webhook",
    ),
    path("<str:number>/pay/", payments.OrderPayView.as_view(), name="pay"),
    path("<str:number>/", history.OrderDetailView.as_view(), name="detail"),
    path("<str:number>/reorder/", history.ReorderView.as_view(), name="reorder"),
    path(
        "<str:number>/invoice/", history.InvoiceDownloadView.as_view(), name="invoice"
    ),
]
