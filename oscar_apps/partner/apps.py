import oscar.apps.partner.apps as apps


class PartnerConfig(apps.PartnerConfig):
    name = "oscar_apps.partner"

    def ready(self):
        super().ready()
        # The shop's one place for adjusting Oscar's behaviour at start-up.
        from oscar_apps.analytics import stop_counting_product_views

        stop_counting_product_views()
