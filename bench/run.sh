#!/usr/bin/env bash
# Benchmark: one `infer update --no-preflight --no-verify` against curl doing
# the same PUT on the same local server, `infer --version` start-up, release
# binary size and peak memory, and peak memory against hostile servers (a
# 1 GiB answer, an endless chunked answer). Prints figures and ratios;
# asserts nothing.
#
#   bench/run.sh            # 300 runs of each
#   RUNS=1000 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-300}

cargo build --release --locked --quiet
cargo build --release --locked --quiet --example fake_es
bin=target/release/infer

url_files=()
servers=()
trap 'kill "${servers[@]}" 2>/dev/null; rm -f "${url_files[@]}"' EXIT
# Start the fake (or, with a mode, the hostile server); set VAR to its URL.
start_server() {
    local var=$1 file
    shift
    file=$(mktemp)
    url_files+=("$file")
    target/release/examples/fake_es "$@" >"$file" &
    servers+=($!)
    for _ in $(seq 50); do [ -s "$file" ] && break; sleep 0.1; done
    printf -v "$var" '%s' "$(head -1 "$file")"
}
start_server url
start_server huge_url huge
start_server endless_url endless

body='{"task_settings":{"top_n":3}}'
infer_cmd=("$bin" --url "$url" update bench --task-type rerank --no-preflight --no-verify -q --set 'task_settings.top_n:=3')
curl_cmd=(curl -sS -X PUT -H 'Content-Type: application/json' -H 'Accept: application/json' -d "$body" "$url/_inference/rerank/bench/_update")
full_cmd=("$bin" --url "$url" update bench -q --set 'task_settings.top_n:=3')
version_cmd=("$bin" --version)

# Mean wall time of RUNS runs, in microseconds.
mean_us() {
    "$@" >/dev/null # warm-up, and fail early if the command fails
    local start end
    start=$(date +%s%N)
    for _ in $(seq "$RUNS"); do "$@" >/dev/null; done
    end=$(date +%s%N)
    echo $(((end - start) / RUNS / 1000))
}

# Peak resident memory in KiB (GNU time).
peak_kib() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1
    else
        echo "n/a"
    fi
}

infer_us=$(mean_us "${infer_cmd[@]}")
curl_us=$(mean_us "${curl_cmd[@]}")
full_us=$(mean_us "${full_cmd[@]}")
version_us=$(mean_us "${version_cmd[@]}")
size=$(stat -c %s "$bin")

echo "runs each:                    $RUNS"
echo "infer update (no pre-flight): ${infer_us} us"
echo "curl, same PUT:               ${curl_us} us"
awk -v a="$infer_us" -v b="$curl_us" 'BEGIN { printf "ratio infer/curl:             %.2f (budget 1.5)\n", a / b }'
echo "infer update (pre-flight GET + PUT + verify, for reference): ${full_us} us"
awk -v v="$version_us" 'BEGIN { printf "infer --version start-up:     %.2f ms (budget 10)\n", v / 1000 }'
awk -v s="$size" 'BEGIN { printf "release binary (stripped):    %d bytes, %.2f MiB (budget 8 MB)\n", s, s / 1048576 }'
echo "peak memory, infer update:    $(peak_kib "${infer_cmd[@]}") KiB"
echo "peak memory, curl:            $(peak_kib "${curl_cmd[@]}") KiB"
echo "peak memory, infer --version: $(peak_kib "${version_cmd[@]}") KiB"

# Against hostile servers: infer stops at its 64 MiB answer limit.
for cmd in get list; do
    args=(get bench)
    [ "$cmd" = list ] && args=(list)
    echo "peak memory, infer $cmd, 1 GiB answer:     $(peak_kib "$bin" --url "$huge_url" "${args[@]}") KiB"
    echo "peak memory, infer $cmd, endless answer:   $(peak_kib "$bin" --url "$endless_url" "${args[@]}") KiB"
done
