"""Words of the API, its tokens and the background jobs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

API_REFUSALS = {
    "token.not_allowed": _("Only the token's own user (or an administrator) may do this."),
    "token.name_required": _("Give the token a name."),
    "api.unauthorized": _("Log in, or send a valid API token in the header “Authorization: Bearer …”."),
    "api.no_role": _("Your account has no role yet: ask the administrator."),
    "api.forbidden": _("You may not open this."),
    "api.not_found": _("Not found."),
    "api.invalid": _("The request is not valid; see “errors” for each problem."),
    "api.csrf_failed": _("The security token (CSRF) is missing or expired: reload the page."),
    "api.error": _("The request was refused (%(detail)s)."),
    "input.bad_choice": _("The form sent an invalid “%(field)s”: choose again on the page."),
    "api.bad_body": _("The body of the request is not valid JSON."),
    "api.too_deep": _("The JSON of the request nests too deeply."),
    "api.too_large": _("The request is larger than the limit (%(limit)s bytes)."),
}

JOB_MESSAGES = {
    "job.step.queued": _("Waiting to start…"),
    "job.step.started": _("Starting…"),
    "job.step.retry": _("Its worker stopped while it ran; waiting to start it again…"),
    "job.step.no_worker": _("Waiting: no background worker is running. Ask the "
                            "administrator to start one (halfsky worker)."),
    "job.step.done": _("Finished."),
    "job.failed": _("It stopped because of an unexpected error and nothing was changed. "
                    "Try again; if it happens again, tell the administrator."),
    "job.interrupted": _("It was interrupted because the server stopped, and nothing was "
                         "changed. Start it again."),
    "job.lost": _("It was not finished: the background worker running it stopped "
                  "(%(attempts)s attempts), and nothing was changed. Start it again; if it "
                  "happens again, tell the administrator."),
    "job.running": _("This is already running; wait until it has finished."),
    "job.kind": _("Unknown kind of background job."),
    "job.state": _("This job has already started."),
    # the steps of the kinds of job (halfsky.web.jobs.kinds)
    "report.step.values": _("Collecting the values, assessments and warnings"),
    "report.step.word": _("Writing the Word file and drawing its charts"),
    "report.step.compendium": _("Writing the statistical compendium (Excel)"),
    "report.step.pdf": _("Converting the report to PDF with LibreOffice"),
    "report.step.saving": _("Saving the files"),
    "assessment.step.recompute": _("Reassessing the years with new values"),
    "exchange.step.push": _("Sending the approved values to the parent instance"),
    "exchange.step.pull": _("Fetching and storing the child instance's values"),
    "earlier_years.step.apply": _("Checking every row again and storing the values"),
}

# The security events of the audit trail (halfsky.web.security), for the search page.
SECURITY_EVENTS = {
    "security.login": _("Login"),
    "security.login_failed": _("Login failure"),
    "security.lockout": _("Lockout"),
    "security.unlock": _("Unlock"),
    "security.logout": _("Logout"),
    "security.password_change": _("Password change"),
    "security.totp_enrol": _("Authenticator app set up"),
    "security.totp_failed": _("Wrong authenticator code"),
    "security.download": _("Download or export"),
    "account.ensure": _("Account created or reset"),
    "account.admin_change": _("Account, role or permission change"),
    "account.create": _("Account created"),
    "account.change": _("Account flags or user name changed"),
    "account.password_set": _("Password set"),
    "account.role_change": _("Role or department changed"),
    "account.groups_change": _("Groups changed"),
    "account.permissions_change": _("Permissions changed"),
    "account.refused": _("Account change refused (administrator's fields)"),
    "token.create": _("API token created"),
    "token.revoke": _("API token revoked"),
}
