"""The queue's one task: run a background job, in whichever worker takes it.

A job (a row of ``models.Job``: its kind, target, progress) is handed to the queue
of django-tasks as ``run_job(job_pk)``. With the database backend (django-tasks-db)
the task is a row that a ``halfsky worker`` claims and runs; with the immediate
backend (``HALFSKY_JOBS_INLINE``) it runs at once in the caller.
"""

from __future__ import annotations

from django_tasks import TaskContext, task

from halfsky.web.jobs.execution import run


@task(takes_context=True)
def run_job(context: TaskContext, job_pk: int) -> None:
    run(job_pk, task_id=str(context.task_result.id))
