from django.urls import path

from halfsky.web.values.views import excel as views_excel
from halfsky.web.values.views import rounds as views_rounds
from halfsky.web.values.views import tasks as views_tasks

app_name = "data"
urlpatterns = [
    path("", views_rounds.round_list, name="rounds"),
    path("notifications/", views_rounds.notification_list, name="notifications"),
    path("notifications/read/", views_rounds.notifications_read, name="notifications_read"),
    path("values/<int:pk>/", views_tasks.value_history, name="value"),
    path("values/<int:pk>/save/", views_tasks.save_value, name="save_value"),
    path("<int:year>/", views_rounds.round_board, name="board"),
    path("<int:year>/close/", views_rounds.close_round, name="close_round"),
    path("<int:year>/reopen/", views_rounds.reopen_round, name="reopen_round"),
    path("<int:year>/<slug:department>/", views_tasks.task_page, name="task"),
    path("<int:year>/<slug:department>/submit/", views_tasks.submit_task, name="submit"),
    path("<int:year>/<slug:department>/confirm/", views_tasks.confirm_task, name="confirm"),
    path("<int:year>/<slug:department>/review/", views_tasks.review_task, name="review"),
    path("<int:year>/<slug:department>/template.xlsx", views_excel.download_template,
         name="template"),
    path("<int:year>/<slug:department>/upload/", views_excel.upload_template, name="upload"),
]
