"""moto's S3 server for the object-storage tests: started once per session on
a free loopback port, a fresh bucket per test (set up as the README says:
anyone may read media/, nobody without a signature private/), and the
portal's STORAGES pointed at it for that test."""

import json
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

import boto3
import pytest

from config.settings.storage import s3_storages

REGION = "us-east-1"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"moto_server exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"moto_server did not answer on port {port}")


@dataclass
class Bucket:
    name: str
    endpoint: str
    client: object

    def keys(self, prefix: str = "") -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name, Prefix=prefix)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def anonymous_get(self, key: str) -> int:
        """The status of a plain GET without credentials or signature."""
        return http_get(f"{self.endpoint}/{self.name}/{key}")[0]


def http_get(url: str) -> tuple[int, dict, bytes]:
    """A GET as a browser makes it: no credentials, any status returned."""
    if urlsplit(url).hostname != "127.0.0.1":
        raise ValueError(f"not the loopback S3 server: {url}")
    try:
        with urlopen(Request(url), timeout=30) as response:
            return response.status, _headers(response), response.read()
    except Exception as error:  # HTTPError carries the status
        status = getattr(error, "code", None)
        if status is None:
            raise
        return status, _headers(error), error.read()


def _headers(response) -> dict:
    return {name.lower(): value for name, value in response.headers.items()}


@pytest.fixture(scope="session", name="s3_server")
def moto_s3_server():
    """The endpoint URL of a moto S3 server (moto[server], in .venv/bin)."""
    port = _free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1"]
        + ["-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(name="s3")
def s3_bucket(s3_server, settings, db):
    """A fresh bucket; default and private storage on it for this test."""
    client = boto3.client(
        "s3", endpoint_url=s3_server, region_name=REGION, **CREDENTIALS
    )
    name = f"portal-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=name)
    public_media = {
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{name}/media/*",
    }
    client.put_bucket_policy(
        Bucket=name,
        Policy=json.dumps({"Version": "2012-10-17", "Statement": [public_media]}),
    )
    settings.STORAGES = {
        **settings.STORAGES,
        **s3_storages(
            bucket=name,
            endpoint_url=s3_server,
            region=REGION,
            access_key=CREDENTIALS["aws_access_key_id"],
            secret_key=CREDENTIALS["aws_secret_access_key"],
            addressing_style="path",
            expiry=60,
        ),
    }
    settings.PORTAL_OBJECT_STORAGE = True
    settings.PORTAL_SENDFILE_BACKEND = "none"
    settings.PORTAL_PRIVATE_FILE_REDIRECT = False
    settings.PORTAL_PRIVATE_URL_EXPIRY = 60
    return Bucket(name=name, endpoint=s3_server, client=client)
