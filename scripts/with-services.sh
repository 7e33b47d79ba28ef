#!/usr/bin/env bash
# Runs a command with the services several app servers share: a throwaway
# Redis (cache, sessions, throttles) and moto's S3 server (media and private
# files), both on free loopback ports, nothing written to disk, both stopped
# when the command ends. Combine with scripts/with-postgres.sh:
#   bash scripts/with-postgres.sh bash scripts/with-services.sh .venv/bin/pytest
# Usage: scripts/with-services.sh COMMAND [ARGS...]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${VIRTUAL_ENV:-$here/.venv}"
python="$venv/bin/python"
moto_server="$venv/bin/moto_server"
for tool in "$python" "$moto_server"; do
    if [ ! -x "$tool" ]; then
        echo "$tool is missing: make install" >&2
        exit 1
    fi
done
if ! command -v redis-server >/dev/null 2>&1; then
    echo "redis-server is not installed: sudo apt-get install -y redis-server" >&2
    exit 1
fi

free_port() {
    "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_for_port() {
    "$python" - "$1" "$2" <<'EOF'
import socket, sys, time

name, port = sys.argv[1], int(sys.argv[2])
deadline = time.monotonic() + 90
while time.monotonic() < deadline:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(f"{name} did not start on port {port}")
EOF
}

workdir="$(mktemp -d /tmp/portal-services.XXXXXX)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$workdir"
}
trap cleanup EXIT

redis_port="$(free_port)"
# No persistence: no RDB snapshot, no append-only file.
redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no \
    --dir "$workdir" --protected-mode yes --loglevel warning \
    >"$workdir/redis.log" 2>&1 &
pids+=($!)

s3_port="$(free_port)"
"$moto_server" -H 127.0.0.1 -p "$s3_port" >"$workdir/moto.log" 2>&1 &
pids+=($!)

wait_for_port redis "$redis_port" || { cat "$workdir/redis.log" >&2; exit 1; }
wait_for_port moto_server "$s3_port" || { cat "$workdir/moto.log" >&2; exit 1; }

export REDIS_URL="redis://127.0.0.1:$redis_port/0"
export AWS_S3_ENDPOINT_URL="http://127.0.0.1:$s3_port"
export AWS_STORAGE_BUCKET_NAME="${AWS_STORAGE_BUCKET_NAME:-portal-media}"
export AWS_S3_REGION_NAME="${AWS_S3_REGION_NAME:-us-east-1}"
export AWS_ACCESS_KEY_ID="testing"
export AWS_SECRET_ACCESS_KEY="testing"
unset AWS_PRIVATE_BUCKET_NAME AWS_S3_CUSTOM_DOMAIN AWS_DEFAULT_ACL

# The bucket as the README sets one up: anyone may read media/, nobody
# without a signature private/.
"$python" - <<'EOF'
import json, os

import boto3

bucket = os.environ["AWS_STORAGE_BUCKET_NAME"]
s3 = boto3.client("s3", endpoint_url=os.environ["AWS_S3_ENDPOINT_URL"])
s3.create_bucket(Bucket=bucket)
statement = {
    "Sid": "PublicMedia",
    "Effect": "Allow",
    "Principal": "*",
    "Action": "s3:GetObject",
    "Resource": f"arn:aws:s3:::{bucket}/media/*",
}
s3.put_bucket_policy(
    Bucket=bucket,
    Policy=json.dumps({"Version": "2012-10-17", "Statement": [statement]}),
)
EOF

echo "Redis on 127.0.0.1:$redis_port, S3 (moto) on $AWS_S3_ENDPOINT_URL bucket $AWS_STORAGE_BUCKET_NAME"
"$@"
