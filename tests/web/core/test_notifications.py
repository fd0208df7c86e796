"""In-app notifications: listed with a link, counted in the top bar, marked read."""

from __future__ import annotations

import datetime

from django.utils import timezone

from halfsky.web.core.models import Notification


def test_a_reporter_sees_the_round_opening_and_marks_it_read(login) -> None:
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    login("coordinator").post("/rounds/", {"year": 2025, "deadline": deadline.isoformat()})
    reporter = login("health_reporter")
    page = reporter.get("/rounds/notifications/").content.decode()
    assert "2025年度填报任务已开启" in page
    assert 'href="/rounds/2025/health/"' in page
    unread = Notification.objects.filter(user__username="health_reporter", read_at__isnull=True)
    top = reporter.get("/plans/jixian-women-2021-2025/").content.decode()
    assert f'data-unread="{unread.count()}"' in top and unread.count() >= 1
    assert reporter.post("/rounds/notifications/read/").status_code == 302
    assert not Notification.objects.filter(user__username="health_reporter",
                                           read_at__isnull=True).exists()
    assert 'data-unread="0"' in reporter.get("/plans/jixian-women-2021-2025/").content.decode()


def test_notifications_are_private(login) -> None:
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    login("coordinator").post("/rounds/", {"year": 2025, "deadline": deadline.isoformat()})
    page = login("viewer").get("/rounds/notifications/").content.decode()
    assert "填报任务已开启" not in page
