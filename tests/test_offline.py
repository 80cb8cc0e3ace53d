"""The whole pipeline runs with no network: models come from installed packages only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from conftest import ROOT, SEED

# Loaded at interpreter start in the child: any connection that leaves this machine fails,
# and every attempt is recorded so the test can show none was made.
BLOCK_NETWORK = textwrap.dedent('''
    import socket, sys
    _connect = socket.socket.connect
    ATTEMPTS = []
    def _guard(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and (host.startswith("127.") or host in ("localhost", "::1")
                                      or host.startswith("/")):
            return _connect(self, address)
        ATTEMPTS.append(repr(address))
        sys.stderr.write(f"NETWORK ATTEMPT {address!r}\\n")
        raise OSError("network disabled by test_offline")
    socket.socket.connect = _guard
    def _no_dns(*args, **kwargs):
        sys.stderr.write(f"NETWORK ATTEMPT dns {args[:1]!r}\\n")
        raise socket.gaierror("name resolution disabled by test_offline")
    socket.getaddrinfo = _no_dns
''')

CHILD = textwrap.dedent('''
    import json, sys
    import argmap
    amap = argmap.analyze(argmap.read_thread(sys.argv[1]))
    print(json.dumps({"comments": len(amap.thread.comments), "units": len(amap.units),
                      "claims": len(amap.statuses), "inferred": sum(
                          c.parent is not None and c.parent.source == "inferred"
                          for c in amap.thread.comments)}))
''')


def test_offline_pipeline_runs_without_network(tmp_path):
    (tmp_path / "sitecustomize.py").write_text(BLOCK_NETWORK, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
    env.update(HF_HUB_OFFLINE="1", PYTHONPATH=f"{tmp_path}{os.pathsep}{ROOT}",
               HOME=str(tmp_path), HF_HOME=str(tmp_path / "hf"))  # an empty model cache
    proc = subprocess.run([sys.executable, "-c", CHILD, str(SEED)], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=None)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "NETWORK ATTEMPT" not in proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["comments"] == 26 and out["units"] > 50 and out["claims"] > 0
    assert out["inferred"] == 25
