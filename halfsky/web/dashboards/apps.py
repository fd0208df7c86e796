from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "halfsky.web.dashboards"
    label = "dashboards"
    verbose_name = "Dashboards"

    def ready(self) -> None:
        # Once the models exist: the overview's cache follows every change of approved values.
        from halfsky.web.dashboards.overview_cache import forget
        from halfsky.web.values.actions.store import on_approved_change

        on_approved_change(forget)
