from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "halfsky.web.dashboards"
    label = "dashboards"
    verbose_name = "Dashboards"
