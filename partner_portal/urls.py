from django.urls import path

from partner_portal.views import (
    accounts,
    company,
    figures,
    profile,
    staff_companies,
    start,
    tasks,
)

app_name = "partner_portal"

urlpatterns = [
    path("", start.StartView.as_view(), name="start"),
    path("tiles/<str:key>/", start.TileView.as_view(), name="tile"),
    path("no-company/", start.NoCompanyView.as_view(), name="no_company"),
    path("tasks/", tasks.TaskListView.as_view(), name="tasks"),
    path("company/", company.CompanyDetailView.as_view(), name="company"),
    path("company/edit/", company.CompanyEditView.as_view(), name="company_edit"),
    path(
        "company/addresses/new/",
        company.CompanyAddressEditView.as_view(),
        name="company_address_create",
    ),
    path(
        "company/addresses/<id:pk>/",
        company.CompanyAddressEditView.as_view(),
        name="company_address_edit",
    ),
    path(
        "company/addresses/<id:pk>/delete/",
        company.CompanyAddressDeleteView.as_view(),
        name="company_address_delete",
    ),
    path(
        "company/addresses/<id:pk>/default/",
        company.CompanyAddressDefaultView.as_view(),
        name="company_address_default",
    ),
    path(
        "company/switch/", accounts.CompanySwitchView.as_view(), name="company_switch"
    ),
    path("colleagues/", company.ColleagueListView.as_view(), name="colleagues"),
    path(
        "colleagues/<id:pk>/",
        company.MembershipUpdateView.as_view(),
        name="membership_update",
    ),
    path(
        "invitations/<id:pk>/revoke/",
        company.InvitationRevokeView.as_view(),
        name="invitation_revoke",
    ),
    path(
        "invitation/<str:token>/",
        accounts.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path("partner/", company.PartnerAreaView.as_view(), name="partner_area"),
    path("figures/", figures.CompanyFiguresView.as_view(), name="figures"),
    path(
        "figures/export/",
        figures.CompanyFiguresExportView.as_view(),
        name="figures_export",
    ),
    path("profile/", profile.ProfileView.as_view(), name="profile"),
    path("profile/email/", profile.EmailChangeView.as_view(), name="email_change"),
    path(
        "staff/companies/",
        company.StaffCompanyListView.as_view(),
        name="staff_companies",
    ),
    path(
        "staff/companies/<id:pk>/",
        staff_companies.StaffCompanyEditView.as_view(),
        name="staff_company_edit",
    ),
]
