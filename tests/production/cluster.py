"""Odoo servers as production runs them, and a JSON-RPC client that times every request.

`OdooServer` starts ``scripts/odoo-bin`` with ``.run/odoo-prod.conf`` (prefork workers, the
job runner, Odoo's default limits) on a port of 127.0.0.1, in a process group of its own so
that a test can stop it cleanly or kill it (master, workers, cron and long-polling at once).
Several servers on one database stand for several hosts behind a load balancer.
"""
import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOG_DIR = ROOT / '.run' / 'logs'
# The longest a web request may take (issue: no request over 10 s, whatever the data).
REQUEST_LIMIT = 10.0


class RpcError(Exception):
    def __init__(self, name, message):
        super().__init__('%s: %s' % (name, message))
        self.name = name


class OdooServer:
    """One Odoo host: ``start()``, ``stop()``, ``kill()``; ``url``; ``log``."""

    def __init__(self, conf, db, port, workers=2, python=None, name=None):
        self.conf, self.db, self.port, self.workers = conf, db, port, workers
        self.python = python or os.environ.get('CRM_VENV_PYTHON') or 'python'
        self.name = name or 'prod-%d' % port
        self.log = LOG_DIR / ('%s.log' % self.name)
        self.url = 'http://127.0.0.1:%d' % port
        self.process = None

    def start(self, timeout=180):
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, ODOO_QUEUE_JOB_PORT=str(self.port),
                   ODOO_QUEUE_JOB_HOST='127.0.0.1')
        cmd = [self.python, str(ROOT / 'scripts' / 'odoo-bin'), '-c', str(self.conf),
               '-d', self.db, '--db-filter=^%s$' % self.db, '--http-interface=127.0.0.1',
               '--http-port=%d' % self.port, '--longpolling-port=%d' % (self.port + 3),
               '--workers=%d' % self.workers, '--logfile=%s' % self.log]
        self.process = subprocess.Popen(cmd, cwd=str(ROOT), env=env, start_new_session=True,
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError('%s exited (%s): see %s' % (
                    self.name, self.process.returncode, self.log))
            try:
                with urllib.request.urlopen(self.url + '/web/login', timeout=5) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)
        raise RuntimeError('%s did not answer in %d s: see %s' % (self.name, timeout, self.log))

    def stop(self, timeout=60):
        """Graceful stop: SIGTERM to the master, which stops its workers and the runner."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        self.process = None

    def kill(self):
        """What a crash does: SIGKILL to every process of the server at once."""
        if self.process:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait(timeout=30)
        self.process = None

    def log_lines(self, *patterns):
        """Lines of the log that contain one of ``patterns``."""
        if not self.log.exists():
            return []
        return [line for line in self.log.read_text(errors='replace').splitlines()
                if any(pattern in line for pattern in patterns)]


class Client:
    """JSON-RPC as a user of one server; every request's duration is kept in ``timings``."""

    def __init__(self, server, login, password, db=None):
        self.server, self.login, self.password = server, login, password
        self.db = db or server.db
        self.timings = []
        self.uid = self._call('common', 'login', self.db, login, password)
        if not self.uid:
            raise RuntimeError('cannot log in as %s' % login)

    def _call(self, service, method, *args):
        payload = json.dumps({'jsonrpc': '2.0', 'method': 'call', 'id': 1, 'params': {
            'service': service, 'method': method, 'args': list(args)}}).encode()
        request = urllib.request.Request(self.server.url + '/jsonrpc', data=payload,
                                         headers={'Content-Type': 'application/json'})
        start = time.time()
        with urllib.request.urlopen(request, timeout=300) as response:
            answer = json.loads(response.read().decode())
        self.timings.append((time.time() - start, service, method, args[3:5]))
        if 'error' in answer:
            data = answer['error'].get('data') or {}
            raise RpcError(data.get('name'), data.get('message') or answer['error'])
        return answer['result']

    def call(self, model, method, *args, **kwargs):
        return self._call('object', 'execute_kw', self.db, self.uid, self.password, model,
                          method, list(args), kwargs)

    def slow_requests(self, limit=REQUEST_LIMIT):
        """The requests that took longer than ``limit`` seconds."""
        return [(round(seconds, 1), what) for seconds, *what in self.timings
                if seconds > limit]

    def wait_for(self, predicate, timeout=600, every=1.0, what='a condition'):
        """Poll ``predicate()`` until it returns a true value; return it."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            value = predicate()
            if value:
                return value
            time.sleep(every)
        raise AssertionError('timed out after %d s waiting for %s' % (timeout, what))
