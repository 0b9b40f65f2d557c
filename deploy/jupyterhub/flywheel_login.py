"""The class login: students sign up with their own password, the teacher approves, and the
teacher's account is the hub's one admin, entered only with a secret set at install.

Used by deploy/jupyterhub/jupyterhub_config.py (``FLYWHEEL_LOGIN=native``, the default) and by
the Kubernetes values (deploy/kubernetes/values.yaml mounts this file into the hub). It is
``jupyterhub-nativeauthenticator`` with a classroom's defaults and one change:

* a student signs up at ``/hub/signup`` with a name and their own password (at least 8
  characters, not a common one); they can log in only once the teacher has approved the
  name at ``/hub/authorize`` (the teacher sees every sign-up there, approved or not);
* after ``allowed_failed_logins`` (5) wrong passwords for a name, that name is blocked for
  ``seconds_before_next_try`` (120 s), so a password can't be guessed by trying;
* the teacher's name (``FLYWHEEL_TEACHER``, ``teacher``) is reserved: nobody can sign up
  as it, its password is the secret ``FLYWHEEL_TEACHER_PASSWORD`` (or the file named by
  ``FLYWHEEL_TEACHER_PASSWORD_FILE``, owner-only), checked here and never stored in the
  hub's database, and it is the only admin. Without that secret (or with one shorter than
  12 characters) the hub refuses to start.

A student who forgot their password: the teacher sets a new one at
``/hub/change-password/NAME`` and tells the student, who changes
it at ``/hub/change-password``. The teacher's own password is changed by changing the secret
and restarting the hub.
"""

import hmac
import os
import stat
from pathlib import Path

from jupyterhub.handlers import BaseHandler
from nativeauthenticator import NativeAuthenticator
from nativeauthenticator.handlers import LoginHandler as NativeLoginHandler
from traitlets import Unicode, default

TEACHER_MIN_LENGTH = 12


def secret_from(name, environ=os.environ):
    """A secret from the file named by ``NAME_FILE`` (which must be owner-only) or from ``NAME`` ("" if neither)."""
    path = environ.get(f"{name}_FILE")
    if path:
        mode = Path(path).stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise ValueError(f"{path} can be read by others (mode {stat.filemode(mode)}): chmod 600 it")
        return Path(path).read_text().strip()
    return environ.get(name, "")


class _NoStatsd:
    """Stands in for the statsd client JupyterHub 6 removed, which nativeauthenticator 1.3.0 times logins with."""

    def timer(self, *args):
        return self

    def start(self):
        return self

    def stop(self, send=True):
        pass


class LoginHandler(NativeLoginHandler):
    """nativeauthenticator 1.3.0's login page, working on JupyterHub 6 (checked by tests/test_hub_security.py)."""

    statsd = _NoStatsd()

    def _render(self, login_error=None, username=None, sync=False, **ns):
        if sync:  # JupyterHub 6 renders an error on a posted form (a stale XSRF token) synchronously
            return BaseHandler.render_template(self, "error.html", sync=True, **ns)
        return super()._render(login_error=login_error, username=username)


class ClassAuthenticator(NativeAuthenticator):
    """NativeAuthenticator with a reserved teacher account checked against a secret."""

    teacher = Unicode(config=True, help="The teacher's user name: the hub's only admin.")
    teacher_password = Unicode(config=True, help="The teacher's password (a secret set at install).")

    @default("teacher")
    def _teacher(self):
        return os.environ.get("FLYWHEEL_TEACHER", "teacher")

    @default("teacher_password")
    def _teacher_password(self):
        return secret_from("FLYWHEEL_TEACHER_PASSWORD")

    # a class's defaults: the teacher approves each sign-up; guessing is slowed
    @default("allowed_failed_logins")
    def _allowed_failed_logins(self):
        return 5

    @default("seconds_before_next_try")
    def _seconds_before_next_try(self):
        return 120

    @default("minimum_password_length")
    def _minimum_password_length(self):
        return 8

    @default("check_common_password")
    def _check_common_password(self):
        return True

    @default("allow_all")
    def _allow_all(self):
        return True  # who may log in is decided by the teacher's approval, not a list

    @default("admin_users")
    def _admin_users(self):
        return {self.teacher}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.teacher = self.normalize_username(self.teacher)
        if len(self.teacher_password) < TEACHER_MIN_LENGTH:
            raise ValueError(
                "the teacher's password is missing or shorter than "
                f"{TEACHER_MIN_LENGTH} characters: set FLYWHEEL_TEACHER_PASSWORD (or "
                "FLYWHEEL_TEACHER_PASSWORD_FILE) before starting the hub")
        if set(self.admin_users) != {self.teacher}:
            raise ValueError(f"the admin role belongs to the teacher ({self.teacher!r}) alone, "
                             f"not {sorted(self.admin_users)}")

    def _is_teacher(self, username):
        return self.normalize_username(username or "") == self.teacher

    async def authenticate(self, handler, data):
        name = self.normalize_username(data.get("username") or "")
        if name != self.teacher:
            return await super().authenticate(handler, data)
        if self.allowed_failed_logins and self.is_blocked(name):
            return None
        given = (data.get("password") or "").encode()
        if hmac.compare_digest(given, self.teacher_password.encode()):
            self.successful_login(name)
            return name
        self.add_login_attempt(name)
        return None

    def get_handlers(self, app):
        return [(path, LoginHandler if handler is NativeLoginHandler else handler)
                for path, handler in super().get_handlers(app)]

    def user_exists(self, username):
        return self._is_teacher(username) or super().user_exists(username)

    def create_user(self, username, password, **kwargs):
        if self._is_teacher(username):
            self.log.warning("refused a sign-up as the teacher's name %r", username)
            return None
        return super().create_user(username, password, **kwargs)

    def change_password(self, username, new_password):
        if self._is_teacher(username):
            return None  # the teacher's password is the install secret: change it there
        return super().change_password(username, new_password)
