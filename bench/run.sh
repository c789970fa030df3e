#!/usr/bin/env bash
# Benchmark: one `infer update --no-preflight --no-verify` against curl doing
# the same PUT on the same local server, `infer --version` start-up, release
# binary size and peak memory, and peak memory against hostile servers (a
# 1 GiB answer, an endless chunked answer); then the figures of managing many
# endpoints: a 10 MB update body against curl, `infer plan` over 10,000
# endpoints, `infer diff` of two clusters of 10,000 endpoints each, and
# `infer apply` of 200 updates against a server that takes
# 20 ms a request, one at a time and with the default --parallel, and to
# three such clusters in one run against one of them. Prints
# figures and ratios; asserts nothing. Needs curl, python3 and GNU time.
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
start_server lenient_url 9.2
start_server many_url many
start_server many2_url many
start_server slow_url slow
start_server slow2_url slow
start_server slow3_url slow

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
awk -v a="$infer_us" -v b="$curl_us" 'BEGIN { printf "ratio infer/curl:             %.2f (goal 0.6)\n", a / b }'
echo "infer update (pre-flight GET + PUT + verify, for reference): ${full_us} us"
awk -v v="$version_us" 'BEGIN { printf "infer --version start-up:     %.2f ms (goal 3)\n", v / 1000 }'
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

# --- Many endpoints --------------------------------------------------------
work=$(mktemp -d)
url_files+=("$work/x")
trap 'kill "${servers[@]}" 2>/dev/null; rm -rf "${url_files[@]}" "$work"' EXIT

# Seconds (3 decimals) of one run.
once_s() {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    awk -v d=$((end - start)) 'BEGIN { printf "%.3f", d / 1e9 }'
}

# A 10 MB task_settings update (100,000 keys), sent to a 9.2 server, which
# drops unknown keys and answers 200.
python3 - "$work/big.json" <<'PY'
import json, sys
settings = {f"k{i:06d}": "x" * 88 for i in range(100_000)}
json.dump({"task_settings": settings}, open(sys.argv[1], "w"))
PY
big_bytes=$(stat -c %s "$work/big.json")
big_infer=("$bin" --url "$lenient_url" update bench --task-type rerank --no-preflight --no-verify -q --settings "$work/big.json")
big_curl=(curl -sS -X PUT -H 'Content-Type: application/json' -H 'Accept: application/json' --data-binary "@$work/big.json" "$lenient_url/_inference/rerank/bench/_update")
# Run in turns, infer then curl, 20 times: the two share the server and
# the machine, so a drift over the runs (the other core busy, the server's
# heap grown) falls on both alike instead of on whichever ran second.
big_infer_ns=0
big_curl_ns=0
"${big_infer[@]}" >/dev/null
"${big_curl[@]}" >/dev/null
for _ in $(seq 20); do
    start=$(date +%s%N)
    "${big_infer[@]}" >/dev/null
    mid=$(date +%s%N)
    "${big_curl[@]}" >/dev/null
    end=$(date +%s%N)
    big_infer_ns=$((big_infer_ns + mid - start))
    big_curl_ns=$((big_curl_ns + end - mid))
done
big_infer_us=$((big_infer_ns / 20 / 1000))
big_curl_us=$((big_curl_ns / 20 / 1000))
big_peak=$(peak_kib "${big_infer[@]}")
echo "10 MB update body ($big_bytes bytes): infer ${big_infer_us} us, curl ${big_curl_us} us"
awk -v a="$big_infer_us" -v b="$big_curl_us" 'BEGIN { printf "ratio infer/curl, 10 MB body:  %.2f (goal 2)\n", a / b }'
awk -v p="$big_peak" -v s="$big_bytes" 'BEGIN { printf "peak memory, 10 MB body:      %d KiB, %.2f x the body (goal 4)\n", p, p * 1024 / s }'
echo "stderr of the 10 MB update:   $("$bin" --url "$lenient_url" update bench --task-type rerank --no-preflight --no-verify --settings "$work/big.json" 2>&1 >/dev/null | wc -c) bytes"

# plan over 10,000 endpoints (five services, shaped as a 9.x server lists
# them): one read; the file is what list --json prints.
"$bin" --url "$many_url" list --json >"$work/many.json"
answer_bytes=$(curl -sS "$many_url/_inference/_all" | wc -c)
plan_s=$(once_s "$bin" --url "$many_url" plan -f "$work/many.json")
plan_peak=$(peak_kib "$bin" --url "$many_url" plan -f "$work/many.json")
echo "plan over 10,000 endpoints:   ${plan_s} s (goal 1), answer $answer_bytes bytes"
awk -v p="$plan_peak" -v s="$answer_bytes" 'BEGIN { printf "peak memory, plan 10,000:     %d KiB, %.2f x the answer (goal 4)\n", p, p * 1024 / s }'
# What any plan costs (the binary's pages, libc): a plan of 3 endpoints.
"$bin" --url "$url" list --json >"$work/three.json"
small_peak=$(peak_kib "$bin" --url "$url" plan -f "$work/three.json")
awk -v p="$plan_peak" -v b="$small_peak" -v s="$answer_bytes" 'BEGIN { printf "  of which a plan of 3 endpoints takes %d KiB; the rest is %.2f x the answer\n", b, (p - b) * 1024 / s }'
echo "peak memory, list --json of 10,000: $(peak_kib "$bin" --url "$many_url" list --json) KiB"

# diff of two clusters of 10,000 endpoints each (alike: every pair is
# compared whole), each a profile; both answers are read at once.
printf '[profiles.a]\nurl = "%s"\n[profiles.b]\nurl = "%s"\n' "$many_url" "$many2_url" >"$work/config.toml"
diff_cmd=(env INFER_CONFIG="$work/config.toml" "$bin" diff --profile a --profile b --json)
answers_bytes=$(($(curl -sS "$many_url/_inference/_all" | wc -c) + $(curl -sS "$many2_url/_inference/_all" | wc -c)))
diff_s=$(once_s "${diff_cmd[@]}")
diff_peak=$(peak_kib "${diff_cmd[@]}")
echo "diff of two clusters of 10,000: ${diff_s} s (goal 2), answers $answers_bytes bytes"
awk -v p="$diff_peak" -v s="$answers_bytes" 'BEGIN { printf "peak memory, diff 2 x 10,000:  %d KiB, %.2f x the two answers (goal 4)\n", p, p * 1024 / s }'
# The same with most endpoints differing: a rate limit changed on the second.
python3 - "$work/many.json" >"$work/drifted.json" <<'PY'
import json, sys
endpoints = json.load(open(sys.argv[1]))
for e in endpoints:
    limit = e.get("service_settings", {}).get("rate_limit")
    if isinstance(limit, dict):
        limit["requests_per_minute"] = limit.get("requests_per_minute", 0) + 1
json.dump(endpoints, sys.stdout)
PY
"$bin" --url "$many2_url" apply -f "$work/drifted.json" --yes --parallel 32 -q >/dev/null 2>&1
drift_s=$(once_s "${diff_cmd[@]}" || true)
drift_peak=$(peak_kib "${diff_cmd[@]}" || true)
differing=$("${diff_cmd[@]}" 2>/dev/null | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["differ"]))' || true)
echo "diff, $differing of 10,000 differing: ${drift_s} s (goal 2)"
awk -v p="$drift_peak" -v s="$answers_bytes" 'BEGIN { printf "peak memory, diff differing:   %d KiB, %.2f x the two answers (goal 4)\n", p, p * 1024 / s }'

# apply of 200 updates at 20 ms a request: each run changes every endpoint.
apply_file() {
    python3 - "$work/slow.json" "$1" <<'PY'
import json, sys
endpoints = json.load(open(sys.argv[1]))
for e in endpoints:
    e["task_settings"]["top_n"] = int(sys.argv[2])
json.dump(endpoints, sys.stdout)
PY
}
"$bin" --url "$slow_url" list --json | python3 -c '
import json, sys
print(json.dumps([e for e in json.load(sys.stdin) if e["inference_id"].startswith("s")]))' >"$work/slow.json"
apply_file 1 >"$work/apply1.json"
apply_file 2 >"$work/apply2.json"
serial_s=$(once_s "$bin" --url "$slow_url" apply -f "$work/apply1.json" --yes --parallel 1)
parallel_s=$(once_s "$bin" --url "$slow_url" apply -f "$work/apply2.json" --yes)
echo "apply, 200 updates, 20 ms:    --parallel 1 ${serial_s} s, default --parallel ${parallel_s} s"
awk -v a="$serial_s" -v b="$parallel_s" 'BEGIN { printf "speed-up of the default --parallel: %.1fx (goal 6)\n", a / b }'

# apply of the same 200 updates to three clusters in one run (each a
# profile; the clusters are planned and written at once, each with the
# default --parallel) against one cluster alone.
cat >"$work/clusters.toml" <<EOF
[profiles.one]
url = "$slow_url"

[profiles.two]
url = "$slow2_url"

[profiles.three]
url = "$slow3_url"
EOF
apply_file 3 >"$work/apply3.json"
apply_file 4 >"$work/apply4.json"
export INFER_CONFIG="$work/clusters.toml"
one_s=$(once_s "$bin" --profile one apply -f "$work/apply3.json" --yes)
three_s=$(once_s "$bin" --all-profiles apply -f "$work/apply4.json" --yes)
echo "apply, 200 updates, 20 ms:    one cluster ${one_s} s, three clusters in one run ${three_s} s"
awk -v a="$one_s" -v b="$three_s" 'BEGIN { printf "three clusters / one:         %.2fx (goal 1.5)\n", b / a }'
