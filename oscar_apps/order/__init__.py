default_app_config = "oscar_apps.order.apps.OrderConfig"
