# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_infer_global_optspecs
    string join \n profile= all-profiles url= cloud-id= api-key= username= password= bearer-token= ca-cert= ca-fingerprint= client-cert= client-key= retries= connect-timeout= timeout= insecure color= v/verbose curl q/quiet h/help V/version
end

function __fish_infer_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_infer_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_infer_using_subcommand
    set -l cmd (__fish_infer_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c infer -n "__fish_infer_needs_command" -l profile -d 'Profile from the config file (default: its default_profile); plan, apply, rotate and diff take it more than once, one cluster each' -r
complete -c infer -n "__fish_infer_needs_command" -l url -d 'Elasticsearch URL [default: http://localhost:9200]' -r
complete -c infer -n "__fish_infer_needs_command" -l cloud-id -d 'Elastic Cloud ID, used instead of --url' -r
complete -c infer -n "__fish_infer_needs_command" -l api-key -d 'API key: the encoded value, or ID:KEY (encoded for you)' -r
complete -c infer -n "__fish_infer_needs_command" -l username -d 'Username for basic authentication' -r
complete -c infer -n "__fish_infer_needs_command" -l password -d 'Password for basic authentication (asked for on a terminal when missing)' -r
complete -c infer -n "__fish_infer_needs_command" -l bearer-token -d 'Bearer token' -r
complete -c infer -n "__fish_infer_needs_command" -l ca-cert -d 'Trust this PEM CA certificate (Elasticsearch\'s http_ca.crt) instead of the system roots' -r -F
complete -c infer -n "__fish_infer_needs_command" -l ca-fingerprint -d 'Trust the CA in the server\'s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual' -r
complete -c infer -n "__fish_infer_needs_command" -l client-cert -d 'Client certificate (PEM) for servers that ask for one; needs --client-key' -r -F
complete -c infer -n "__fish_infer_needs_command" -l client-key -d 'Private key (PEM) of --client-cert' -r -F
complete -c infer -n "__fish_infer_needs_command" -l retries -d 'How many times to retry a request that failed to connect or met a busy server [default: 3]' -r
complete -c infer -n "__fish_infer_needs_command" -l connect-timeout -d 'Time limit to connect [default: 10s]' -r
complete -c infer -n "__fish_infer_needs_command" -l timeout -d 'Time limit of each request [default: longer than the server\'s own: 60s, 150s for completion endpoints]' -r
complete -c infer -n "__fish_infer_needs_command" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infer -n "__fish_infer_needs_command" -l all-profiles -d 'Every profile of the config file, one cluster each (plan, apply, rotate, diff)'
complete -c infer -n "__fish_infer_needs_command" -l insecure -d 'Do not verify the server\'s TLS certificate (warns on every run)'
complete -c infer -n "__fish_infer_needs_command" -s v -l verbose -d 'Show each request and response on stderr (credentials and secrets masked)'
complete -c infer -n "__fish_infer_needs_command" -l curl -d 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)'
complete -c infer -n "__fish_infer_needs_command" -s q -l quiet -d 'Print only the result, warnings and errors'
complete -c infer -n "__fish_infer_needs_command" -s h -l help -d 'Print help'
complete -c infer -n "__fish_infer_needs_command" -s V -l version -d 'Print version'
complete -c infer -n "__fish_infer_needs_command" -f -a "get" -d 'Show inference endpoints, in the shape `update --settings` accepts'
complete -c infer -n "__fish_infer_needs_command" -f -a "list" -d 'List inference endpoints: a table on a terminal, JSON when piped'
complete -c infer -n "__fish_infer_needs_command" -f -a "create" -d 'Create an inference endpoint (PUT /_inference/{task_type}/{id})'
complete -c infer -n "__fish_infer_needs_command" -f -a "update" -d 'Change an existing inference endpoint (PUT /_inference/{task_type}/{id}/_update)'
complete -c infer -n "__fish_infer_needs_command" -f -a "edit" -d 'Edit an endpoint in $VISUAL or $EDITOR, then send only what changed'
complete -c infer -n "__fish_infer_needs_command" -f -a "delete" -d 'Delete inference endpoints (asks first on a terminal)'
complete -c infer -n "__fish_infer_needs_command" -f -a "probe" -d 'Send one small inference request through an endpoint: proof that it (and its key) works'
complete -c infer -n "__fish_infer_needs_command" -f -a "export" -d 'Write the cluster\'s endpoints as a file plan and apply read, secrets as env: references'
complete -c infer -n "__fish_infer_needs_command" -f -a "plan" -d 'Compare a file of endpoints with the cluster: what apply would do'
complete -c infer -n "__fish_infer_needs_command" -f -a "apply" -d 'Make the cluster\'s endpoints what a file of endpoints says'
complete -c infer -n "__fish_infer_needs_command" -f -a "rotate" -d 'Rotate a provider secret across many endpoints at once'
complete -c infer -n "__fish_infer_needs_command" -f -a "diff" -d 'Compare the endpoints of two clusters (two profiles): what only one has, what differs'
complete -c infer -n "__fish_infer_needs_command" -f -a "services" -d 'Show the services the server offers, and their settings'
complete -c infer -n "__fish_infer_needs_command" -f -a "check" -d 'Check that this connection can do the job: reachable, authenticated, privileged'
complete -c infer -n "__fish_infer_needs_command" -f -a "config" -d 'Profiles: show the connection in use and where each value comes from, list, create'
complete -c infer -n "__fish_infer_needs_command" -f -a "completions" -d 'Print a static shell completion script; `COMPLETE=SHELL infer` prints a dynamic one'
complete -c infer -n "__fish_infer_needs_command" -f -a "man" -d 'Print infer\'s manual pages (roff), or write them all to a directory'
complete -c infer -n "__fish_infer_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c infer -n "__fish_infer_using_subcommand get" -s t -l task-type -d 'Only if it has this task type' -r -f -a "sparse_embedding\t''
text_embedding\t''
embedding\t''
rerank\t''
completion\t''
chat_completion\t''"
complete -c infer -n "__fish_infer_using_subcommand get" -s o -l output -d 'Output format [default: json]' -r -f -a "json\t''
yaml\t''"
complete -c infer -n "__fish_infer_using_subcommand get" -l profile -d 'Profile from the config file (default: its default_profile); plan, apply, rotate and diff take it more than once, one cluster each' -r
complete -c infer -n "__fish_infer_using_subcommand get" -l url -d 'Elasticsearch URL [default: http://localhost:9200]' -r
complete -c infer -n "__fish_infer_using_subcommand get" -l cloud-id -d 'Elastic Cloud ID, used instead of --url' -r
complete -c infer -n "__fish_infer_using_subcommand get" -l api-key -d 'API key: the encoded value, or ID:KEY (encoded for you)' -r
complete -c infer -n "__fish_infer_using_subcommand get" -l username -d 'Username for basic authentication' -r
complete -c infer -n "__fish_infer_using_subcommand get" -l password -d 'Password for basic authentication (asked for on a terminal when missing)' -r
complete -c infer -n "__fish_infer_using_subcommand get" -l bearer-token -d 'Bearer token' -r
complete -c infer -n "__fish_infer_using_subcommand get" -l ca-cert -d 'Trust this PEM CA certificate (Elasticsearch\'s http_ca.crt) instead of the system roots' -r -F
complete -c infer -n "__fish_infer_using_subcommand get" -l ca-fingerprint -d 'Trust the CA in the server\'s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual' -r
complete -c infer -n "__fish_infer_using_subcommand get" -l client-cert -d 'Client certificate (PEM) for servers that ask for one; needs --client-key' -r -F
complete -c infer -n "__fish_infer_using_subcommand get" -l client-key -d 'Private key (PEM) of --client-cert' -r -F
complete -c infer -n "__fish_infer_using_subcommand get" -l retries -d 'How many times to retry a request that failed to connect or met a busy server [default: 3]' -r
complete -c infer -n "__fish_infer_using_subcommand get" -l connect-timeout -d 'Time limit to connect [default: 10s]' -r
complete -c infer -n "__fish_infer_using_subcommand get" -l timeout -d 'Time limit of each request [default: longer than the server\'s own: 60s, 150s for completion endpoints]' -r
complete -c infer -n "__fish_infer_using_subcommand get" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infer -n "__fish_infer_using_subcommand get" -l all-profiles -d 'Every profile of the config file, one cluster each (plan, apply, rotate, diff)'
complete -c infer -n "__fish_infer_using_subcommand get" -l insecure -d 'Do not verify the server\'s TLS certificate (warns on every run)'
complete -c infer -n "__fish_infer_using_subcommand get" -s v -l verbose -d 'Show each request and response on stderr (credentials and secrets masked)'
complete -c infer -n "__fish_infer_using_subcommand get" -l curl -d 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)'
complete -c infer -n "__fish_infer_using_subcommand get" -s q -l quiet -d 'Print only the result, warnings and errors'
complete -c infer -n "__fish_infer_using_subcommand get" -s h -l help -d 'Print help'
complete -c infer -n "__fish_infer_using_subcommand list" -s t -l task-type -d 'Only endpoints of this task type' -r -f -a "sparse_embedding\t''
text_embedding\t''
embedding\t''
rerank\t''
completion\t''
chat_completion\t''"
complete -c infer -n "__fish_infer_using_subcommand list" -l service -d 'Only endpoints of this service' -r
complete -c infer -n "__fish_infer_using_subcommand list" -s o -l output -d 'Output format [default: table on a terminal, json when piped]' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c infer -n "__fish_infer_using_subcommand list" -l profile -d 'Profile from the config file (default: its default_profile); plan, apply, rotate and diff take it more than once, one cluster each' -r
complete -c infer -n "__fish_infer_using_subcommand list" -l url -d 'Elasticsearch URL [default: http://localhost:9200]' -r
complete -c infer -n "__fish_infer_using_subcommand list" -l cloud-id -d 'Elastic Cloud ID, used instead of --url' -r
complete -c infer -n "__fish_infer_using_subcommand list" -l api-key -d 'API key: the encoded value, or ID:KEY (encoded for you)' -r
complete -c infer -n "__fish_infer_using_subcommand list" -l username -d 'Username for basic authentication' -r
complete -c infer -n "__fish_infer_using_subcommand list" -l password -d 'Password for basic authentication (asked for on a terminal when missing)' -r
complete -c infer -n "__fish_infer_using_subcommand list" -l bearer-token -d 'Bearer token' -r
complete -c infer -n "__fish_infer_using_subcommand list" -l ca-cert -d 'Trust this PEM CA certificate (Elasticsearch\'s http_ca.crt) instead of the system roots' -r -F
complete -c infer -n "__fish_infer_using_subcommand list" -l ca-fingerprint -d 'Trust the CA in the server\'s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual' -r
complete -c infer -n "__fish_infer_using_subcommand list" -l client-cert -d 'Client certificate (PEM) for servers that ask for one; needs --client-key' -r -F
complete -c infer -n "__fish_infer_using_subcommand list" -l client-key -d 'Private key (PEM) of --client-cert' -r -F
complete -c infer -n "__fish_infer_using_subcommand list" -l retries -d 'How many times to retry a request that failed to connect or met a busy server [default: 3]' -r
complete -c infer -n "__fish_infer_using_subcommand list" -l connect-timeout -d 'Time limit to connect [default: 10s]' -r
complete -c infer -n "__fish_infer_using_subcommand list" -l timeout -d 'Time limit of each request [default: longer than the server\'s own: 60s, 150s for completion endpoints]' -r
complete -c infer -n "__fish_infer_using_subcommand list" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infer -n "__fish_infer_using_subcommand list" -l no-preconfigured -d 'Hide the preconfigured endpoints (ids starting with \'.\')'
complete -c infer -n "__fish_infer_using_subcommand list" -l json -d 'Print a JSON array even on a terminal (the same as -o json)'
complete -c infer -n "__fish_infer_using_subcommand list" -l all-profiles -d 'Every profile of the config file, one cluster each (plan, apply, rotate, diff)'
complete -c infer -n "__fish_infer_using_subcommand list" -l insecure -d 'Do not verify the server\'s TLS certificate (warns on every run)'
complete -c infer -n "__fish_infer_using_subcommand list" -s v -l verbose -d 'Show each request and response on stderr (credentials and secrets masked)'
complete -c infer -n "__fish_infer_using_subcommand list" -l curl -d 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)'
complete -c infer -n "__fish_infer_using_subcommand list" -s q -l quiet -d 'Print only the result, warnings and errors'
complete -c infer -n "__fish_infer_using_subcommand list" -s h -l help -d 'Print help'
complete -c infer -n "__fish_infer_using_subcommand create" -s t -l task-type -d 'Task type of the new endpoint (or task_type in --settings)' -r -f -a "sparse_embedding\t''
text_embedding\t''
embedding\t''
rerank\t''
completion\t''
chat_completion\t''"
complete -c infer -n "__fish_infer_using_subcommand create" -l service -d 'Service of the new endpoint, e.g. openai or elasticsearch (or service in --settings)' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l from -d 'Start from a copy of this endpoint\'s settings (its secrets must still be given)' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l settings -d 'JSON file with service_settings, task_settings and/or chunking_settings (- for stdin); the object GET /_inference/{id} returns is accepted too' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l service-settings -d 'service_settings to merge in: a JSON object, or @PATH' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l task-settings -d 'task_settings to merge in: a JSON object, or @PATH' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l set -d 'Set one value: SECTION.KEY[.KEY...]=STRING or SECTION.KEY:=JSON (repeatable)' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l num-allocations -d 'Set service_settings.num_allocations' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l secret -d 'Ask for service_settings.NAME with a hidden prompt (terminal only)' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l secret-env -d 'Read service_settings.NAME from the environment variable VAR' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l secret-file -d 'Read service_settings.NAME from a file (- for stdin)' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l server-timeout -d 'How long the server may wait for the provider (its `timeout` parameter), e.g. 90s or 2m' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l wait-timeout -d 'How long --wait waits, e.g. 90s or 10m (default 5m)' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l chunking-settings -d 'chunking_settings of the new endpoint: a JSON object, or @PATH; settings left out take their defaults' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l profile -d 'Profile from the config file (default: its default_profile); plan, apply, rotate and diff take it more than once, one cluster each' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l url -d 'Elasticsearch URL [default: http://localhost:9200]' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l cloud-id -d 'Elastic Cloud ID, used instead of --url' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l api-key -d 'API key: the encoded value, or ID:KEY (encoded for you)' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l username -d 'Username for basic authentication' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l password -d 'Password for basic authentication (asked for on a terminal when missing)' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l bearer-token -d 'Bearer token' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l ca-cert -d 'Trust this PEM CA certificate (Elasticsearch\'s http_ca.crt) instead of the system roots' -r -F
complete -c infer -n "__fish_infer_using_subcommand create" -l ca-fingerprint -d 'Trust the CA in the server\'s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l client-cert -d 'Client certificate (PEM) for servers that ask for one; needs --client-key' -r -F
complete -c infer -n "__fish_infer_using_subcommand create" -l client-key -d 'Private key (PEM) of --client-cert' -r -F
complete -c infer -n "__fish_infer_using_subcommand create" -l retries -d 'How many times to retry a request that failed to connect or met a busy server [default: 3]' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l connect-timeout -d 'Time limit to connect [default: 10s]' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l timeout -d 'Time limit of each request [default: longer than the server\'s own: 60s, 150s for completion endpoints]' -r
complete -c infer -n "__fish_infer_using_subcommand create" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infer -n "__fish_infer_using_subcommand create" -l no-verify -d 'Do not compare the server\'s answer with what was asked'
complete -c infer -n "__fish_infer_using_subcommand create" -l dry-run -d 'Print the request that would be sent, secrets masked, and send nothing'
complete -c infer -n "__fish_infer_using_subcommand create" -l wait -d 'Wait until the deployment of an elasticsearch or elser endpoint has its allocations'
complete -c infer -n "__fish_infer_using_subcommand create" -l all-profiles -d 'Every profile of the config file, one cluster each (plan, apply, rotate, diff)'
complete -c infer -n "__fish_infer_using_subcommand create" -l insecure -d 'Do not verify the server\'s TLS certificate (warns on every run)'
complete -c infer -n "__fish_infer_using_subcommand create" -s v -l verbose -d 'Show each request and response on stderr (credentials and secrets masked)'
complete -c infer -n "__fish_infer_using_subcommand create" -l curl -d 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)'
complete -c infer -n "__fish_infer_using_subcommand create" -s q -l quiet -d 'Print only the result, warnings and errors'
complete -c infer -n "__fish_infer_using_subcommand create" -s h -l help -d 'Print help'
complete -c infer -n "__fish_infer_using_subcommand update" -s t -l task-type -d 'Task type of the endpoint; found by pre-flight when omitted' -r -f -a "sparse_embedding\t''
text_embedding\t''
embedding\t''
rerank\t''
completion\t''
chat_completion\t''"
complete -c infer -n "__fish_infer_using_subcommand update" -l settings -d 'JSON file with service_settings, task_settings and/or chunking_settings (- for stdin); the object GET /_inference/{id} returns is accepted too' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l service-settings -d 'service_settings to merge in: a JSON object, or @PATH' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l task-settings -d 'task_settings to merge in: a JSON object, or @PATH' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l chunking-settings -d 'chunking_settings (they replace the stored ones): a JSON object, or @PATH' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l set -d 'Set one value: SECTION.KEY[.KEY...]=STRING or SECTION.KEY:=JSON (repeatable)' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l num-allocations -d 'Set service_settings.num_allocations' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l secret -d 'Ask for service_settings.NAME with a hidden prompt (terminal only)' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l secret-env -d 'Read service_settings.NAME from the environment variable VAR' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l secret-file -d 'Read service_settings.NAME from a file (- for stdin)' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l unset -d 'Reset service_settings.KEY or task_settings.KEY to its default, or clear it: sends null, which only the newest servers understand (repeatable)' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l server-timeout -d 'How long the server may wait for the provider (its `timeout` parameter, sent only to Elasticsearch 9.5 and later, which accept it), e.g. 90s or 2m' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l allow-field -d 'Send service_settings.KEY (or a null at PATH) although infer\'s table says the service cannot update it, for when the table lags the server (repeatable)' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l wait-timeout -d 'How long --wait waits, e.g. 90s or 10m (default 5m)' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l profile -d 'Profile from the config file (default: its default_profile); plan, apply, rotate and diff take it more than once, one cluster each' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l url -d 'Elasticsearch URL [default: http://localhost:9200]' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l cloud-id -d 'Elastic Cloud ID, used instead of --url' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l api-key -d 'API key: the encoded value, or ID:KEY (encoded for you)' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l username -d 'Username for basic authentication' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l password -d 'Password for basic authentication (asked for on a terminal when missing)' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l bearer-token -d 'Bearer token' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l ca-cert -d 'Trust this PEM CA certificate (Elasticsearch\'s http_ca.crt) instead of the system roots' -r -F
complete -c infer -n "__fish_infer_using_subcommand update" -l ca-fingerprint -d 'Trust the CA in the server\'s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l client-cert -d 'Client certificate (PEM) for servers that ask for one; needs --client-key' -r -F
complete -c infer -n "__fish_infer_using_subcommand update" -l client-key -d 'Private key (PEM) of --client-cert' -r -F
complete -c infer -n "__fish_infer_using_subcommand update" -l retries -d 'How many times to retry a request that failed to connect or met a busy server [default: 3]' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l connect-timeout -d 'Time limit to connect [default: 10s]' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l timeout -d 'Time limit of each request [default: longer than the server\'s own: 60s, 150s for completion endpoints]' -r
complete -c infer -n "__fish_infer_using_subcommand update" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infer -n "__fish_infer_using_subcommand update" -l no-preflight -d 'Do not read the endpoint before writing (then --task-type is required)'
complete -c infer -n "__fish_infer_using_subcommand update" -l no-verify -d 'Do not compare the server\'s answer with what was asked'
complete -c infer -n "__fish_infer_using_subcommand update" -l dry-run -d 'Print the request that would be sent, secrets masked, with the stored and new value of each key, and send no write'
complete -c infer -n "__fish_infer_using_subcommand update" -l wait -d 'Wait until the deployment of an elasticsearch or elser endpoint has its allocations'
complete -c infer -n "__fish_infer_using_subcommand update" -l probe -d 'After the update, send one small inference request through the endpoint, to prove that it (and a new key) works'
complete -c infer -n "__fish_infer_using_subcommand update" -l all-profiles -d 'Every profile of the config file, one cluster each (plan, apply, rotate, diff)'
complete -c infer -n "__fish_infer_using_subcommand update" -l insecure -d 'Do not verify the server\'s TLS certificate (warns on every run)'
complete -c infer -n "__fish_infer_using_subcommand update" -s v -l verbose -d 'Show each request and response on stderr (credentials and secrets masked)'
complete -c infer -n "__fish_infer_using_subcommand update" -l curl -d 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)'
complete -c infer -n "__fish_infer_using_subcommand update" -s q -l quiet -d 'Print only the result, warnings and errors'
complete -c infer -n "__fish_infer_using_subcommand update" -s h -l help -d 'Print help'
complete -c infer -n "__fish_infer_using_subcommand edit" -l allow-field -d 'Send service_settings.KEY although infer\'s table says the service cannot update it, for when the table lags the server (repeatable)' -r
complete -c infer -n "__fish_infer_using_subcommand edit" -l profile -d 'Profile from the config file (default: its default_profile); plan, apply, rotate and diff take it more than once, one cluster each' -r
complete -c infer -n "__fish_infer_using_subcommand edit" -l url -d 'Elasticsearch URL [default: http://localhost:9200]' -r
complete -c infer -n "__fish_infer_using_subcommand edit" -l cloud-id -d 'Elastic Cloud ID, used instead of --url' -r
complete -c infer -n "__fish_infer_using_subcommand edit" -l api-key -d 'API key: the encoded value, or ID:KEY (encoded for you)' -r
complete -c infer -n "__fish_infer_using_subcommand edit" -l username -d 'Username for basic authentication' -r
complete -c infer -n "__fish_infer_using_subcommand edit" -l password -d 'Password for basic authentication (asked for on a terminal when missing)' -r
complete -c infer -n "__fish_infer_using_subcommand edit" -l bearer-token -d 'Bearer token' -r
complete -c infer -n "__fish_infer_using_subcommand edit" -l ca-cert -d 'Trust this PEM CA certificate (Elasticsearch\'s http_ca.crt) instead of the system roots' -r -F
complete -c infer -n "__fish_infer_using_subcommand edit" -l ca-fingerprint -d 'Trust the CA in the server\'s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual' -r
complete -c infer -n "__fish_infer_using_subcommand edit" -l client-cert -d 'Client certificate (PEM) for servers that ask for one; needs --client-key' -r -F
complete -c infer -n "__fish_infer_using_subcommand edit" -l client-key -d 'Private key (PEM) of --client-cert' -r -F
complete -c infer -n "__fish_infer_using_subcommand edit" -l retries -d 'How many times to retry a request that failed to connect or met a busy server [default: 3]' -r
complete -c infer -n "__fish_infer_using_subcommand edit" -l connect-timeout -d 'Time limit to connect [default: 10s]' -r
complete -c infer -n "__fish_infer_using_subcommand edit" -l timeout -d 'Time limit of each request [default: longer than the server\'s own: 60s, 150s for completion endpoints]' -r
complete -c infer -n "__fish_infer_using_subcommand edit" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infer -n "__fish_infer_using_subcommand edit" -s y -l yes -d 'Send the change without asking first'
complete -c infer -n "__fish_infer_using_subcommand edit" -l no-verify -d 'Do not compare the server\'s answer with what was asked'
complete -c infer -n "__fish_infer_using_subcommand edit" -l all-profiles -d 'Every profile of the config file, one cluster each (plan, apply, rotate, diff)'
complete -c infer -n "__fish_infer_using_subcommand edit" -l insecure -d 'Do not verify the server\'s TLS certificate (warns on every run)'
complete -c infer -n "__fish_infer_using_subcommand edit" -s v -l verbose -d 'Show each request and response on stderr (credentials and secrets masked)'
complete -c infer -n "__fish_infer_using_subcommand edit" -l curl -d 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)'
complete -c infer -n "__fish_infer_using_subcommand edit" -s q -l quiet -d 'Print only the result, warnings and errors'
complete -c infer -n "__fish_infer_using_subcommand edit" -s h -l help -d 'Print help'
complete -c infer -n "__fish_infer_using_subcommand delete" -s t -l task-type -d 'Only if it has this task type' -r -f -a "sparse_embedding\t''
text_embedding\t''
embedding\t''
rerank\t''
completion\t''
chat_completion\t''"
complete -c infer -n "__fish_infer_using_subcommand delete" -l profile -d 'Profile from the config file (default: its default_profile); plan, apply, rotate and diff take it more than once, one cluster each' -r
complete -c infer -n "__fish_infer_using_subcommand delete" -l url -d 'Elasticsearch URL [default: http://localhost:9200]' -r
complete -c infer -n "__fish_infer_using_subcommand delete" -l cloud-id -d 'Elastic Cloud ID, used instead of --url' -r
complete -c infer -n "__fish_infer_using_subcommand delete" -l api-key -d 'API key: the encoded value, or ID:KEY (encoded for you)' -r
complete -c infer -n "__fish_infer_using_subcommand delete" -l username -d 'Username for basic authentication' -r
complete -c infer -n "__fish_infer_using_subcommand delete" -l password -d 'Password for basic authentication (asked for on a terminal when missing)' -r
complete -c infer -n "__fish_infer_using_subcommand delete" -l bearer-token -d 'Bearer token' -r
complete -c infer -n "__fish_infer_using_subcommand delete" -l ca-cert -d 'Trust this PEM CA certificate (Elasticsearch\'s http_ca.crt) instead of the system roots' -r -F
complete -c infer -n "__fish_infer_using_subcommand delete" -l ca-fingerprint -d 'Trust the CA in the server\'s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual' -r
complete -c infer -n "__fish_infer_using_subcommand delete" -l client-cert -d 'Client certificate (PEM) for servers that ask for one; needs --client-key' -r -F
complete -c infer -n "__fish_infer_using_subcommand delete" -l client-key -d 'Private key (PEM) of --client-cert' -r -F
complete -c infer -n "__fish_infer_using_subcommand delete" -l retries -d 'How many times to retry a request that failed to connect or met a busy server [default: 3]' -r
complete -c infer -n "__fish_infer_using_subcommand delete" -l connect-timeout -d 'Time limit to connect [default: 10s]' -r
complete -c infer -n "__fish_infer_using_subcommand delete" -l timeout -d 'Time limit of each request [default: longer than the server\'s own: 60s, 150s for completion endpoints]' -r
complete -c infer -n "__fish_infer_using_subcommand delete" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infer -n "__fish_infer_using_subcommand delete" -l force -d 'Delete even when pipelines or indices still use it, or it is preconfigured (its id starts with \'.\')'
complete -c infer -n "__fish_infer_using_subcommand delete" -l dry-run -d 'Delete nothing; show which pipelines and indices use the endpoint'
complete -c infer -n "__fish_infer_using_subcommand delete" -s y -l yes -d 'Do not ask for confirmation (needed without a terminal)'
complete -c infer -n "__fish_infer_using_subcommand delete" -l all-profiles -d 'Every profile of the config file, one cluster each (plan, apply, rotate, diff)'
complete -c infer -n "__fish_infer_using_subcommand delete" -l insecure -d 'Do not verify the server\'s TLS certificate (warns on every run)'
complete -c infer -n "__fish_infer_using_subcommand delete" -s v -l verbose -d 'Show each request and response on stderr (credentials and secrets masked)'
complete -c infer -n "__fish_infer_using_subcommand delete" -l curl -d 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)'
complete -c infer -n "__fish_infer_using_subcommand delete" -s q -l quiet -d 'Print only the result, warnings and errors'
complete -c infer -n "__fish_infer_using_subcommand delete" -s h -l help -d 'Print help'
complete -c infer -n "__fish_infer_using_subcommand probe" -s t -l task-type -d 'Task type of the endpoint; read from the endpoint when omitted' -r -f -a "sparse_embedding\t''
text_embedding\t''
embedding\t''
rerank\t''
completion\t''
chat_completion\t''"
complete -c infer -n "__fish_infer_using_subcommand probe" -l profile -d 'Profile from the config file (default: its default_profile); plan, apply, rotate and diff take it more than once, one cluster each' -r
complete -c infer -n "__fish_infer_using_subcommand probe" -l url -d 'Elasticsearch URL [default: http://localhost:9200]' -r
complete -c infer -n "__fish_infer_using_subcommand probe" -l cloud-id -d 'Elastic Cloud ID, used instead of --url' -r
complete -c infer -n "__fish_infer_using_subcommand probe" -l api-key -d 'API key: the encoded value, or ID:KEY (encoded for you)' -r
complete -c infer -n "__fish_infer_using_subcommand probe" -l username -d 'Username for basic authentication' -r
complete -c infer -n "__fish_infer_using_subcommand probe" -l password -d 'Password for basic authentication (asked for on a terminal when missing)' -r
complete -c infer -n "__fish_infer_using_subcommand probe" -l bearer-token -d 'Bearer token' -r
complete -c infer -n "__fish_infer_using_subcommand probe" -l ca-cert -d 'Trust this PEM CA certificate (Elasticsearch\'s http_ca.crt) instead of the system roots' -r -F
complete -c infer -n "__fish_infer_using_subcommand probe" -l ca-fingerprint -d 'Trust the CA in the server\'s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual' -r
complete -c infer -n "__fish_infer_using_subcommand probe" -l client-cert -d 'Client certificate (PEM) for servers that ask for one; needs --client-key' -r -F
complete -c infer -n "__fish_infer_using_subcommand probe" -l client-key -d 'Private key (PEM) of --client-cert' -r -F
complete -c infer -n "__fish_infer_using_subcommand probe" -l retries -d 'How many times to retry a request that failed to connect or met a busy server [default: 3]' -r
complete -c infer -n "__fish_infer_using_subcommand probe" -l connect-timeout -d 'Time limit to connect [default: 10s]' -r
complete -c infer -n "__fish_infer_using_subcommand probe" -l timeout -d 'Time limit of each request [default: longer than the server\'s own: 60s, 150s for completion endpoints]' -r
complete -c infer -n "__fish_infer_using_subcommand probe" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infer -n "__fish_infer_using_subcommand probe" -l answer -d 'Include the endpoint\'s answer (vectors and all) in the output'
complete -c infer -n "__fish_infer_using_subcommand probe" -l all-profiles -d 'Every profile of the config file, one cluster each (plan, apply, rotate, diff)'
complete -c infer -n "__fish_infer_using_subcommand probe" -l insecure -d 'Do not verify the server\'s TLS certificate (warns on every run)'
complete -c infer -n "__fish_infer_using_subcommand probe" -s v -l verbose -d 'Show each request and response on stderr (credentials and secrets masked)'
complete -c infer -n "__fish_infer_using_subcommand probe" -l curl -d 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)'
complete -c infer -n "__fish_infer_using_subcommand probe" -s q -l quiet -d 'Print only the result, warnings and errors'
complete -c infer -n "__fish_infer_using_subcommand probe" -s h -l help -d 'Print help'
complete -c infer -n "__fish_infer_using_subcommand export" -s o -l output -d 'Output format [default: yaml, or what the --out file\'s name says]' -r -f -a "json\t''
yaml\t''"
complete -c infer -n "__fish_infer_using_subcommand export" -l out -d 'Write to this file (named .yaml, .yml or .json), or to this folder, a file per endpoint (an existing folder, or a path ending in /) [default: stdout]' -r -F
complete -c infer -n "__fish_infer_using_subcommand export" -l profile -d 'Profile from the config file (default: its default_profile); plan, apply, rotate and diff take it more than once, one cluster each' -r
complete -c infer -n "__fish_infer_using_subcommand export" -l url -d 'Elasticsearch URL [default: http://localhost:9200]' -r
complete -c infer -n "__fish_infer_using_subcommand export" -l cloud-id -d 'Elastic Cloud ID, used instead of --url' -r
complete -c infer -n "__fish_infer_using_subcommand export" -l api-key -d 'API key: the encoded value, or ID:KEY (encoded for you)' -r
complete -c infer -n "__fish_infer_using_subcommand export" -l username -d 'Username for basic authentication' -r
complete -c infer -n "__fish_infer_using_subcommand export" -l password -d 'Password for basic authentication (asked for on a terminal when missing)' -r
complete -c infer -n "__fish_infer_using_subcommand export" -l bearer-token -d 'Bearer token' -r
complete -c infer -n "__fish_infer_using_subcommand export" -l ca-cert -d 'Trust this PEM CA certificate (Elasticsearch\'s http_ca.crt) instead of the system roots' -r -F
complete -c infer -n "__fish_infer_using_subcommand export" -l ca-fingerprint -d 'Trust the CA in the server\'s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual' -r
complete -c infer -n "__fish_infer_using_subcommand export" -l client-cert -d 'Client certificate (PEM) for servers that ask for one; needs --client-key' -r -F
complete -c infer -n "__fish_infer_using_subcommand export" -l client-key -d 'Private key (PEM) of --client-cert' -r -F
complete -c infer -n "__fish_infer_using_subcommand export" -l retries -d 'How many times to retry a request that failed to connect or met a busy server [default: 3]' -r
complete -c infer -n "__fish_infer_using_subcommand export" -l connect-timeout -d 'Time limit to connect [default: 10s]' -r
complete -c infer -n "__fish_infer_using_subcommand export" -l timeout -d 'Time limit of each request [default: longer than the server\'s own: 60s, 150s for completion endpoints]' -r
complete -c infer -n "__fish_infer_using_subcommand export" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infer -n "__fish_infer_using_subcommand export" -l all-profiles -d 'Every profile of the config file, one cluster each (plan, apply, rotate, diff)'
complete -c infer -n "__fish_infer_using_subcommand export" -l insecure -d 'Do not verify the server\'s TLS certificate (warns on every run)'
complete -c infer -n "__fish_infer_using_subcommand export" -s v -l verbose -d 'Show each request and response on stderr (credentials and secrets masked)'
complete -c infer -n "__fish_infer_using_subcommand export" -l curl -d 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)'
complete -c infer -n "__fish_infer_using_subcommand export" -s q -l quiet -d 'Print only the result, warnings and errors'
complete -c infer -n "__fish_infer_using_subcommand export" -s h -l help -d 'Print help'
complete -c infer -n "__fish_infer_using_subcommand plan" -l allow-field -d 'Send service_settings.KEY although infer\'s table says the service cannot update it (repeatable)' -r
complete -c infer -n "__fish_infer_using_subcommand plan" -l out -d 'Also write the plan to this file, for `infer apply --plan` (secrets as references)' -r -F
complete -c infer -n "__fish_infer_using_subcommand plan" -s o -l output -d 'Output format [default: table on a terminal, json when piped]' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c infer -n "__fish_infer_using_subcommand plan" -s f -l file -d 'JSON or YAML file of endpoints (what `infer export` writes), or a folder of them (repeatable); an endpoint\'s `environments` and `profiles` are read for the profile in use' -r -F
complete -c infer -n "__fish_infer_using_subcommand plan" -l profile -d 'Profile from the config file (default: its default_profile); plan, apply, rotate and diff take it more than once, one cluster each' -r
complete -c infer -n "__fish_infer_using_subcommand plan" -l url -d 'Elasticsearch URL [default: http://localhost:9200]' -r
complete -c infer -n "__fish_infer_using_subcommand plan" -l cloud-id -d 'Elastic Cloud ID, used instead of --url' -r
complete -c infer -n "__fish_infer_using_subcommand plan" -l api-key -d 'API key: the encoded value, or ID:KEY (encoded for you)' -r
complete -c infer -n "__fish_infer_using_subcommand plan" -l username -d 'Username for basic authentication' -r
complete -c infer -n "__fish_infer_using_subcommand plan" -l password -d 'Password for basic authentication (asked for on a terminal when missing)' -r
complete -c infer -n "__fish_infer_using_subcommand plan" -l bearer-token -d 'Bearer token' -r
complete -c infer -n "__fish_infer_using_subcommand plan" -l ca-cert -d 'Trust this PEM CA certificate (Elasticsearch\'s http_ca.crt) instead of the system roots' -r -F
complete -c infer -n "__fish_infer_using_subcommand plan" -l ca-fingerprint -d 'Trust the CA in the server\'s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual' -r
complete -c infer -n "__fish_infer_using_subcommand plan" -l client-cert -d 'Client certificate (PEM) for servers that ask for one; needs --client-key' -r -F
complete -c infer -n "__fish_infer_using_subcommand plan" -l client-key -d 'Private key (PEM) of --client-cert' -r -F
complete -c infer -n "__fish_infer_using_subcommand plan" -l retries -d 'How many times to retry a request that failed to connect or met a busy server [default: 3]' -r
complete -c infer -n "__fish_infer_using_subcommand plan" -l connect-timeout -d 'Time limit to connect [default: 10s]' -r
complete -c infer -n "__fish_infer_using_subcommand plan" -l timeout -d 'Time limit of each request [default: longer than the server\'s own: 60s, 150s for completion endpoints]' -r
complete -c infer -n "__fish_infer_using_subcommand plan" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infer -n "__fish_infer_using_subcommand plan" -l prune -d 'Delete the endpoints the cluster has and the file does not (preconfigured ones never)'
complete -c infer -n "__fish_infer_using_subcommand plan" -l allow-replace -d 'Replace (delete, then create) an endpoint whose service or task type differs'
complete -c infer -n "__fish_infer_using_subcommand plan" -l rotate-secrets -d 'Send the file\'s secrets to endpoints that exist too (secrets cannot be read back, so they are never compared: without this they are sent only on create)'
complete -c infer -n "__fish_infer_using_subcommand plan" -l json -d 'Print JSON even on a terminal (the same as -o json)'
complete -c infer -n "__fish_infer_using_subcommand plan" -l all-profiles -d 'Every profile of the config file, one cluster each (plan, apply, rotate, diff)'
complete -c infer -n "__fish_infer_using_subcommand plan" -l insecure -d 'Do not verify the server\'s TLS certificate (warns on every run)'
complete -c infer -n "__fish_infer_using_subcommand plan" -s v -l verbose -d 'Show each request and response on stderr (credentials and secrets masked)'
complete -c infer -n "__fish_infer_using_subcommand plan" -l curl -d 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)'
complete -c infer -n "__fish_infer_using_subcommand plan" -s q -l quiet -d 'Print only the result, warnings and errors'
complete -c infer -n "__fish_infer_using_subcommand plan" -s h -l help -d 'Print help'
complete -c infer -n "__fish_infer_using_subcommand apply" -s f -l file -d 'JSON or YAML file of endpoints (what `infer export` writes), or a folder of them (repeatable); an endpoint\'s `environments` and `profiles` are read for the profile in use' -r -F
complete -c infer -n "__fish_infer_using_subcommand apply" -l allow-field -d 'Send service_settings.KEY although infer\'s table says the service cannot update it (repeatable)' -r
complete -c infer -n "__fish_infer_using_subcommand apply" -l plan -d 'Carry out the plan `infer plan --out` saved, exactly, instead of planning again; refused when an endpoint it touches changed on the cluster since' -r -F
complete -c infer -n "__fish_infer_using_subcommand apply" -l parallel -d 'How many endpoints are written at once (one write per endpoint at a time)' -r
complete -c infer -n "__fish_infer_using_subcommand apply" -s o -l output -d 'Format of the report [default: lines on a terminal, json when piped]' -r -f -a "json\t''
yaml\t''"
complete -c infer -n "__fish_infer_using_subcommand apply" -l wait-timeout -d 'How long --wait waits for each endpoint, e.g. 90s or 10m (default 5m)' -r
complete -c infer -n "__fish_infer_using_subcommand apply" -l profile -d 'Profile from the config file (default: its default_profile); plan, apply, rotate and diff take it more than once, one cluster each' -r
complete -c infer -n "__fish_infer_using_subcommand apply" -l url -d 'Elasticsearch URL [default: http://localhost:9200]' -r
complete -c infer -n "__fish_infer_using_subcommand apply" -l cloud-id -d 'Elastic Cloud ID, used instead of --url' -r
complete -c infer -n "__fish_infer_using_subcommand apply" -l api-key -d 'API key: the encoded value, or ID:KEY (encoded for you)' -r
complete -c infer -n "__fish_infer_using_subcommand apply" -l username -d 'Username for basic authentication' -r
complete -c infer -n "__fish_infer_using_subcommand apply" -l password -d 'Password for basic authentication (asked for on a terminal when missing)' -r
complete -c infer -n "__fish_infer_using_subcommand apply" -l bearer-token -d 'Bearer token' -r
complete -c infer -n "__fish_infer_using_subcommand apply" -l ca-cert -d 'Trust this PEM CA certificate (Elasticsearch\'s http_ca.crt) instead of the system roots' -r -F
complete -c infer -n "__fish_infer_using_subcommand apply" -l ca-fingerprint -d 'Trust the CA in the server\'s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual' -r
complete -c infer -n "__fish_infer_using_subcommand apply" -l client-cert -d 'Client certificate (PEM) for servers that ask for one; needs --client-key' -r -F
complete -c infer -n "__fish_infer_using_subcommand apply" -l client-key -d 'Private key (PEM) of --client-cert' -r -F
complete -c infer -n "__fish_infer_using_subcommand apply" -l retries -d 'How many times to retry a request that failed to connect or met a busy server [default: 3]' -r
complete -c infer -n "__fish_infer_using_subcommand apply" -l connect-timeout -d 'Time limit to connect [default: 10s]' -r
complete -c infer -n "__fish_infer_using_subcommand apply" -l timeout -d 'Time limit of each request [default: longer than the server\'s own: 60s, 150s for completion endpoints]' -r
complete -c infer -n "__fish_infer_using_subcommand apply" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infer -n "__fish_infer_using_subcommand apply" -l prune -d 'Delete the endpoints the cluster has and the file does not (preconfigured ones never)'
complete -c infer -n "__fish_infer_using_subcommand apply" -l allow-replace -d 'Replace (delete, then create) an endpoint whose service or task type differs'
complete -c infer -n "__fish_infer_using_subcommand apply" -l rotate-secrets -d 'Send the file\'s secrets to endpoints that exist too (secrets cannot be read back, so they are never compared: without this they are sent only on create)'
complete -c infer -n "__fish_infer_using_subcommand apply" -s y -l yes -d 'Write without asking first (required without a terminal)'
complete -c infer -n "__fish_infer_using_subcommand apply" -l fail-fast -d 'Start nothing new after the first failure'
complete -c infer -n "__fish_infer_using_subcommand apply" -l no-verify -d 'Do not compare the server\'s answers with what was asked'
complete -c infer -n "__fish_infer_using_subcommand apply" -l json -d 'Print the JSON report even on a terminal (the same as -o json)'
complete -c infer -n "__fish_infer_using_subcommand apply" -l wait -d 'After each write, wait until the deployment of the elasticsearch or elser endpoint has its allocations'
complete -c infer -n "__fish_infer_using_subcommand apply" -l probe -d 'After each write, send one small inference request through the endpoint, to prove that it (and a new key) works'
complete -c infer -n "__fish_infer_using_subcommand apply" -l all-profiles -d 'Every profile of the config file, one cluster each (plan, apply, rotate, diff)'
complete -c infer -n "__fish_infer_using_subcommand apply" -l insecure -d 'Do not verify the server\'s TLS certificate (warns on every run)'
complete -c infer -n "__fish_infer_using_subcommand apply" -s v -l verbose -d 'Show each request and response on stderr (credentials and secrets masked)'
complete -c infer -n "__fish_infer_using_subcommand apply" -l curl -d 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)'
complete -c infer -n "__fish_infer_using_subcommand apply" -s q -l quiet -d 'Print only the result, warnings and errors'
complete -c infer -n "__fish_infer_using_subcommand apply" -s h -l help -d 'Print help'
complete -c infer -n "__fish_infer_using_subcommand rotate" -l service -d 'Only endpoints of this service' -r
complete -c infer -n "__fish_infer_using_subcommand rotate" -s t -l task-type -d 'Only endpoints of this task type' -r -f -a "sparse_embedding\t''
text_embedding\t''
embedding\t''
rerank\t''
completion\t''
chat_completion\t''"
complete -c infer -n "__fish_infer_using_subcommand rotate" -l secret -d 'Ask for service_settings.NAME with a hidden prompt (terminal only)' -r
complete -c infer -n "__fish_infer_using_subcommand rotate" -l secret-env -d 'Read service_settings.NAME from the environment variable VAR; on several clusters, PROFILE:NAME=VAR gives that profile\'s cluster its own' -r
complete -c infer -n "__fish_infer_using_subcommand rotate" -l secret-file -d 'Read service_settings.NAME from a file (- for stdin); on several clusters, PROFILE:NAME=PATH gives that profile\'s cluster its own' -r
complete -c infer -n "__fish_infer_using_subcommand rotate" -l parallel -d 'How many endpoints are written at once (one write per endpoint at a time)' -r
complete -c infer -n "__fish_infer_using_subcommand rotate" -s o -l output -d 'Format of the report [default: lines on a terminal, json when piped]' -r -f -a "json\t''
yaml\t''"
complete -c infer -n "__fish_infer_using_subcommand rotate" -l profile -d 'Profile from the config file (default: its default_profile); plan, apply, rotate and diff take it more than once, one cluster each' -r
complete -c infer -n "__fish_infer_using_subcommand rotate" -l url -d 'Elasticsearch URL [default: http://localhost:9200]' -r
complete -c infer -n "__fish_infer_using_subcommand rotate" -l cloud-id -d 'Elastic Cloud ID, used instead of --url' -r
complete -c infer -n "__fish_infer_using_subcommand rotate" -l api-key -d 'API key: the encoded value, or ID:KEY (encoded for you)' -r
complete -c infer -n "__fish_infer_using_subcommand rotate" -l username -d 'Username for basic authentication' -r
complete -c infer -n "__fish_infer_using_subcommand rotate" -l password -d 'Password for basic authentication (asked for on a terminal when missing)' -r
complete -c infer -n "__fish_infer_using_subcommand rotate" -l bearer-token -d 'Bearer token' -r
complete -c infer -n "__fish_infer_using_subcommand rotate" -l ca-cert -d 'Trust this PEM CA certificate (Elasticsearch\'s http_ca.crt) instead of the system roots' -r -F
complete -c infer -n "__fish_infer_using_subcommand rotate" -l ca-fingerprint -d 'Trust the CA in the server\'s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual' -r
complete -c infer -n "__fish_infer_using_subcommand rotate" -l client-cert -d 'Client certificate (PEM) for servers that ask for one; needs --client-key' -r -F
complete -c infer -n "__fish_infer_using_subcommand rotate" -l client-key -d 'Private key (PEM) of --client-cert' -r -F
complete -c infer -n "__fish_infer_using_subcommand rotate" -l retries -d 'How many times to retry a request that failed to connect or met a busy server [default: 3]' -r
complete -c infer -n "__fish_infer_using_subcommand rotate" -l connect-timeout -d 'Time limit to connect [default: 10s]' -r
complete -c infer -n "__fish_infer_using_subcommand rotate" -l timeout -d 'Time limit of each request [default: longer than the server\'s own: 60s, 150s for completion endpoints]' -r
complete -c infer -n "__fish_infer_using_subcommand rotate" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infer -n "__fish_infer_using_subcommand rotate" -l dry-run -d 'List what would be rotated, and write nothing'
complete -c infer -n "__fish_infer_using_subcommand rotate" -s y -l yes -d 'Write without asking first (required without a terminal)'
complete -c infer -n "__fish_infer_using_subcommand rotate" -l fail-fast -d 'Start nothing new after the first failure'
complete -c infer -n "__fish_infer_using_subcommand rotate" -l no-verify -d 'Do not compare the server\'s answers with what was asked'
complete -c infer -n "__fish_infer_using_subcommand rotate" -l json -d 'Print the JSON report even on a terminal (the same as -o json)'
complete -c infer -n "__fish_infer_using_subcommand rotate" -l probe -d 'After each write, send one small inference request through the endpoint, to prove that the new key works (a new key starts no deployment: there is no --wait)'
complete -c infer -n "__fish_infer_using_subcommand rotate" -l all-profiles -d 'Every profile of the config file, one cluster each (plan, apply, rotate, diff)'
complete -c infer -n "__fish_infer_using_subcommand rotate" -l insecure -d 'Do not verify the server\'s TLS certificate (warns on every run)'
complete -c infer -n "__fish_infer_using_subcommand rotate" -s v -l verbose -d 'Show each request and response on stderr (credentials and secrets masked)'
complete -c infer -n "__fish_infer_using_subcommand rotate" -l curl -d 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)'
complete -c infer -n "__fish_infer_using_subcommand rotate" -s q -l quiet -d 'Print only the result, warnings and errors'
complete -c infer -n "__fish_infer_using_subcommand rotate" -s h -l help -d 'Print help'
complete -c infer -n "__fish_infer_using_subcommand diff" -s f -l file -d 'Compare what each cluster would become with this file or folder of endpoints applied (repeatable)' -r -F
complete -c infer -n "__fish_infer_using_subcommand diff" -s o -l output -d 'Output format [default: table on a terminal, json when piped]' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c infer -n "__fish_infer_using_subcommand diff" -l profile -d 'Profile from the config file (default: its default_profile); plan, apply, rotate and diff take it more than once, one cluster each' -r
complete -c infer -n "__fish_infer_using_subcommand diff" -l url -d 'Elasticsearch URL [default: http://localhost:9200]' -r
complete -c infer -n "__fish_infer_using_subcommand diff" -l cloud-id -d 'Elastic Cloud ID, used instead of --url' -r
complete -c infer -n "__fish_infer_using_subcommand diff" -l api-key -d 'API key: the encoded value, or ID:KEY (encoded for you)' -r
complete -c infer -n "__fish_infer_using_subcommand diff" -l username -d 'Username for basic authentication' -r
complete -c infer -n "__fish_infer_using_subcommand diff" -l password -d 'Password for basic authentication (asked for on a terminal when missing)' -r
complete -c infer -n "__fish_infer_using_subcommand diff" -l bearer-token -d 'Bearer token' -r
complete -c infer -n "__fish_infer_using_subcommand diff" -l ca-cert -d 'Trust this PEM CA certificate (Elasticsearch\'s http_ca.crt) instead of the system roots' -r -F
complete -c infer -n "__fish_infer_using_subcommand diff" -l ca-fingerprint -d 'Trust the CA in the server\'s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual' -r
complete -c infer -n "__fish_infer_using_subcommand diff" -l client-cert -d 'Client certificate (PEM) for servers that ask for one; needs --client-key' -r -F
complete -c infer -n "__fish_infer_using_subcommand diff" -l client-key -d 'Private key (PEM) of --client-cert' -r -F
complete -c infer -n "__fish_infer_using_subcommand diff" -l retries -d 'How many times to retry a request that failed to connect or met a busy server [default: 3]' -r
complete -c infer -n "__fish_infer_using_subcommand diff" -l connect-timeout -d 'Time limit to connect [default: 10s]' -r
complete -c infer -n "__fish_infer_using_subcommand diff" -l timeout -d 'Time limit of each request [default: longer than the server\'s own: 60s, 150s for completion endpoints]' -r
complete -c infer -n "__fish_infer_using_subcommand diff" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infer -n "__fish_infer_using_subcommand diff" -l json -d 'Print JSON even on a terminal (the same as -o json)'
complete -c infer -n "__fish_infer_using_subcommand diff" -l all-profiles -d 'Every profile of the config file, one cluster each (plan, apply, rotate, diff)'
complete -c infer -n "__fish_infer_using_subcommand diff" -l insecure -d 'Do not verify the server\'s TLS certificate (warns on every run)'
complete -c infer -n "__fish_infer_using_subcommand diff" -s v -l verbose -d 'Show each request and response on stderr (credentials and secrets masked)'
complete -c infer -n "__fish_infer_using_subcommand diff" -l curl -d 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)'
complete -c infer -n "__fish_infer_using_subcommand diff" -s q -l quiet -d 'Print only the result, warnings and errors'
complete -c infer -n "__fish_infer_using_subcommand diff" -s h -l help -d 'Print help'
complete -c infer -n "__fish_infer_using_subcommand services" -s t -l task-type -d 'Only services with this task type, and their settings for it' -r -f -a "sparse_embedding\t''
text_embedding\t''
embedding\t''
rerank\t''
completion\t''
chat_completion\t''"
complete -c infer -n "__fish_infer_using_subcommand services" -s o -l output -d 'Output format [default: table on a terminal, json when piped]' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c infer -n "__fish_infer_using_subcommand services" -l profile -d 'Profile from the config file (default: its default_profile); plan, apply, rotate and diff take it more than once, one cluster each' -r
complete -c infer -n "__fish_infer_using_subcommand services" -l url -d 'Elasticsearch URL [default: http://localhost:9200]' -r
complete -c infer -n "__fish_infer_using_subcommand services" -l cloud-id -d 'Elastic Cloud ID, used instead of --url' -r
complete -c infer -n "__fish_infer_using_subcommand services" -l api-key -d 'API key: the encoded value, or ID:KEY (encoded for you)' -r
complete -c infer -n "__fish_infer_using_subcommand services" -l username -d 'Username for basic authentication' -r
complete -c infer -n "__fish_infer_using_subcommand services" -l password -d 'Password for basic authentication (asked for on a terminal when missing)' -r
complete -c infer -n "__fish_infer_using_subcommand services" -l bearer-token -d 'Bearer token' -r
complete -c infer -n "__fish_infer_using_subcommand services" -l ca-cert -d 'Trust this PEM CA certificate (Elasticsearch\'s http_ca.crt) instead of the system roots' -r -F
complete -c infer -n "__fish_infer_using_subcommand services" -l ca-fingerprint -d 'Trust the CA in the server\'s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual' -r
complete -c infer -n "__fish_infer_using_subcommand services" -l client-cert -d 'Client certificate (PEM) for servers that ask for one; needs --client-key' -r -F
complete -c infer -n "__fish_infer_using_subcommand services" -l client-key -d 'Private key (PEM) of --client-cert' -r -F
complete -c infer -n "__fish_infer_using_subcommand services" -l retries -d 'How many times to retry a request that failed to connect or met a busy server [default: 3]' -r
complete -c infer -n "__fish_infer_using_subcommand services" -l connect-timeout -d 'Time limit to connect [default: 10s]' -r
complete -c infer -n "__fish_infer_using_subcommand services" -l timeout -d 'Time limit of each request [default: longer than the server\'s own: 60s, 150s for completion endpoints]' -r
complete -c infer -n "__fish_infer_using_subcommand services" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infer -n "__fish_infer_using_subcommand services" -l json -d 'Print JSON even on a terminal (the same as -o json)'
complete -c infer -n "__fish_infer_using_subcommand services" -l all-profiles -d 'Every profile of the config file, one cluster each (plan, apply, rotate, diff)'
complete -c infer -n "__fish_infer_using_subcommand services" -l insecure -d 'Do not verify the server\'s TLS certificate (warns on every run)'
complete -c infer -n "__fish_infer_using_subcommand services" -s v -l verbose -d 'Show each request and response on stderr (credentials and secrets masked)'
complete -c infer -n "__fish_infer_using_subcommand services" -l curl -d 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)'
complete -c infer -n "__fish_infer_using_subcommand services" -s q -l quiet -d 'Print only the result, warnings and errors'
complete -c infer -n "__fish_infer_using_subcommand services" -s h -l help -d 'Print help'
complete -c infer -n "__fish_infer_using_subcommand check" -l profile -d 'Profile from the config file (default: its default_profile); plan, apply, rotate and diff take it more than once, one cluster each' -r
complete -c infer -n "__fish_infer_using_subcommand check" -l url -d 'Elasticsearch URL [default: http://localhost:9200]' -r
complete -c infer -n "__fish_infer_using_subcommand check" -l cloud-id -d 'Elastic Cloud ID, used instead of --url' -r
complete -c infer -n "__fish_infer_using_subcommand check" -l api-key -d 'API key: the encoded value, or ID:KEY (encoded for you)' -r
complete -c infer -n "__fish_infer_using_subcommand check" -l username -d 'Username for basic authentication' -r
complete -c infer -n "__fish_infer_using_subcommand check" -l password -d 'Password for basic authentication (asked for on a terminal when missing)' -r
complete -c infer -n "__fish_infer_using_subcommand check" -l bearer-token -d 'Bearer token' -r
complete -c infer -n "__fish_infer_using_subcommand check" -l ca-cert -d 'Trust this PEM CA certificate (Elasticsearch\'s http_ca.crt) instead of the system roots' -r -F
complete -c infer -n "__fish_infer_using_subcommand check" -l ca-fingerprint -d 'Trust the CA in the server\'s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual' -r
complete -c infer -n "__fish_infer_using_subcommand check" -l client-cert -d 'Client certificate (PEM) for servers that ask for one; needs --client-key' -r -F
complete -c infer -n "__fish_infer_using_subcommand check" -l client-key -d 'Private key (PEM) of --client-cert' -r -F
complete -c infer -n "__fish_infer_using_subcommand check" -l retries -d 'How many times to retry a request that failed to connect or met a busy server [default: 3]' -r
complete -c infer -n "__fish_infer_using_subcommand check" -l connect-timeout -d 'Time limit to connect [default: 10s]' -r
complete -c infer -n "__fish_infer_using_subcommand check" -l timeout -d 'Time limit of each request [default: longer than the server\'s own: 60s, 150s for completion endpoints]' -r
complete -c infer -n "__fish_infer_using_subcommand check" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infer -n "__fish_infer_using_subcommand check" -l json -d 'Print JSON even on a terminal'
complete -c infer -n "__fish_infer_using_subcommand check" -l all-profiles -d 'Every profile of the config file, one cluster each (plan, apply, rotate, diff)'
complete -c infer -n "__fish_infer_using_subcommand check" -l insecure -d 'Do not verify the server\'s TLS certificate (warns on every run)'
complete -c infer -n "__fish_infer_using_subcommand check" -s v -l verbose -d 'Show each request and response on stderr (credentials and secrets masked)'
complete -c infer -n "__fish_infer_using_subcommand check" -l curl -d 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)'
complete -c infer -n "__fish_infer_using_subcommand check" -s q -l quiet -d 'Print only the result, warnings and errors'
complete -c infer -n "__fish_infer_using_subcommand check" -s h -l help -d 'Print help'
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -l profile -d 'Profile from the config file (default: its default_profile); plan, apply, rotate and diff take it more than once, one cluster each' -r
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -l url -d 'Elasticsearch URL [default: http://localhost:9200]' -r
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -l cloud-id -d 'Elastic Cloud ID, used instead of --url' -r
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -l api-key -d 'API key: the encoded value, or ID:KEY (encoded for you)' -r
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -l username -d 'Username for basic authentication' -r
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -l password -d 'Password for basic authentication (asked for on a terminal when missing)' -r
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -l bearer-token -d 'Bearer token' -r
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -l ca-cert -d 'Trust this PEM CA certificate (Elasticsearch\'s http_ca.crt) instead of the system roots' -r -F
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -l ca-fingerprint -d 'Trust the CA in the server\'s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual' -r
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -l client-cert -d 'Client certificate (PEM) for servers that ask for one; needs --client-key' -r -F
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -l client-key -d 'Private key (PEM) of --client-cert' -r -F
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -l retries -d 'How many times to retry a request that failed to connect or met a busy server [default: 3]' -r
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -l connect-timeout -d 'Time limit to connect [default: 10s]' -r
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -l timeout -d 'Time limit of each request [default: longer than the server\'s own: 60s, 150s for completion endpoints]' -r
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -l all-profiles -d 'Every profile of the config file, one cluster each (plan, apply, rotate, diff)'
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -l insecure -d 'Do not verify the server\'s TLS certificate (warns on every run)'
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -s v -l verbose -d 'Show each request and response on stderr (credentials and secrets masked)'
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -l curl -d 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)'
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -s q -l quiet -d 'Print only the result, warnings and errors'
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -s h -l help -d 'Print help'
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -f -a "show" -d 'The connection in use: each setting, its value (secrets masked) and where it came from'
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -f -a "list" -d 'The profiles in the config file'
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -f -a "init" -d 'Write a profile to the config file (mode 0600): asked on a terminal, or given as flags'
complete -c infer -n "__fish_infer_using_subcommand config; and not __fish_seen_subcommand_from show list init help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Profile from the config file (default: its default_profile); plan, apply, rotate and diff take it more than once, one cluster each' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from show" -l url -d 'Elasticsearch URL [default: http://localhost:9200]' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from show" -l cloud-id -d 'Elastic Cloud ID, used instead of --url' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from show" -l api-key -d 'API key: the encoded value, or ID:KEY (encoded for you)' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from show" -l username -d 'Username for basic authentication' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from show" -l password -d 'Password for basic authentication (asked for on a terminal when missing)' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from show" -l bearer-token -d 'Bearer token' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from show" -l ca-cert -d 'Trust this PEM CA certificate (Elasticsearch\'s http_ca.crt) instead of the system roots' -r -F
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from show" -l ca-fingerprint -d 'Trust the CA in the server\'s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from show" -l client-cert -d 'Client certificate (PEM) for servers that ask for one; needs --client-key' -r -F
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from show" -l client-key -d 'Private key (PEM) of --client-cert' -r -F
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from show" -l retries -d 'How many times to retry a request that failed to connect or met a busy server [default: 3]' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from show" -l connect-timeout -d 'Time limit to connect [default: 10s]' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from show" -l timeout -d 'Time limit of each request [default: longer than the server\'s own: 60s, 150s for completion endpoints]' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Print JSON even on a terminal'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from show" -l all-profiles -d 'Every profile of the config file, one cluster each (plan, apply, rotate, diff)'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from show" -l insecure -d 'Do not verify the server\'s TLS certificate (warns on every run)'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Show each request and response on stderr (credentials and secrets masked)'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from show" -l curl -d 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only the result, warnings and errors'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from list" -l profile -d 'Profile from the config file (default: its default_profile); plan, apply, rotate and diff take it more than once, one cluster each' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from list" -l url -d 'Elasticsearch URL [default: http://localhost:9200]' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from list" -l cloud-id -d 'Elastic Cloud ID, used instead of --url' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from list" -l api-key -d 'API key: the encoded value, or ID:KEY (encoded for you)' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from list" -l username -d 'Username for basic authentication' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from list" -l password -d 'Password for basic authentication (asked for on a terminal when missing)' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from list" -l bearer-token -d 'Bearer token' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from list" -l ca-cert -d 'Trust this PEM CA certificate (Elasticsearch\'s http_ca.crt) instead of the system roots' -r -F
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from list" -l ca-fingerprint -d 'Trust the CA in the server\'s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from list" -l client-cert -d 'Client certificate (PEM) for servers that ask for one; needs --client-key' -r -F
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from list" -l client-key -d 'Private key (PEM) of --client-cert' -r -F
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from list" -l retries -d 'How many times to retry a request that failed to connect or met a busy server [default: 3]' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from list" -l connect-timeout -d 'Time limit to connect [default: 10s]' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from list" -l timeout -d 'Time limit of each request [default: longer than the server\'s own: 60s, 150s for completion endpoints]' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from list" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from list" -l json -d 'Print JSON even on a terminal'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from list" -l all-profiles -d 'Every profile of the config file, one cluster each (plan, apply, rotate, diff)'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from list" -l insecure -d 'Do not verify the server\'s TLS certificate (warns on every run)'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Show each request and response on stderr (credentials and secrets masked)'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from list" -l curl -d 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the result, warnings and errors'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l api-key-env -d 'The API key is in this environment variable (stored as env:VAR)' -r -f
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l api-key-file -d 'The API key is in this file (stored as file:PATH)' -r -F
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l password-env -d 'The password of --username is in this environment variable' -r -f
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l password-file -d 'The password of --username is in this file' -r -F
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l bearer-token-env -d 'The bearer token is in this environment variable' -r -f
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l bearer-token-file -d 'The bearer token is in this file' -r -F
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l profile -d 'Profile from the config file (default: its default_profile); plan, apply, rotate and diff take it more than once, one cluster each' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l url -d 'Elasticsearch URL [default: http://localhost:9200]' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l cloud-id -d 'Elastic Cloud ID, used instead of --url' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l api-key -d 'API key: the encoded value, or ID:KEY (encoded for you)' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l username -d 'Username for basic authentication' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l password -d 'Password for basic authentication (asked for on a terminal when missing)' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l bearer-token -d 'Bearer token' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l ca-cert -d 'Trust this PEM CA certificate (Elasticsearch\'s http_ca.crt) instead of the system roots' -r -F
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l ca-fingerprint -d 'Trust the CA in the server\'s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l client-cert -d 'Client certificate (PEM) for servers that ask for one; needs --client-key' -r -F
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l client-key -d 'Private key (PEM) of --client-cert' -r -F
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l retries -d 'How many times to retry a request that failed to connect or met a busy server [default: 3]' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l connect-timeout -d 'Time limit to connect [default: 10s]' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l timeout -d 'Time limit of each request [default: longer than the server\'s own: 60s, 150s for completion endpoints]' -r
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l no-credential -d 'No credential (a cluster without security)'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l default -d 'Make this profile the default one'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l all-profiles -d 'Every profile of the config file, one cluster each (plan, apply, rotate, diff)'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l insecure -d 'Do not verify the server\'s TLS certificate (warns on every run)'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Show each request and response on stderr (credentials and secrets masked)'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -l curl -d 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Print only the result, warnings and errors'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'The connection in use: each setting, its value (secrets masked) and where it came from'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "list" -d 'The profiles in the config file'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "init" -d 'Write a profile to the config file (mode 0600): asked on a terminal, or given as flags'
complete -c infer -n "__fish_infer_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c infer -n "__fish_infer_using_subcommand completions" -l profile -d 'Profile from the config file (default: its default_profile); plan, apply, rotate and diff take it more than once, one cluster each' -r
complete -c infer -n "__fish_infer_using_subcommand completions" -l url -d 'Elasticsearch URL [default: http://localhost:9200]' -r
complete -c infer -n "__fish_infer_using_subcommand completions" -l cloud-id -d 'Elastic Cloud ID, used instead of --url' -r
complete -c infer -n "__fish_infer_using_subcommand completions" -l api-key -d 'API key: the encoded value, or ID:KEY (encoded for you)' -r
complete -c infer -n "__fish_infer_using_subcommand completions" -l username -d 'Username for basic authentication' -r
complete -c infer -n "__fish_infer_using_subcommand completions" -l password -d 'Password for basic authentication (asked for on a terminal when missing)' -r
complete -c infer -n "__fish_infer_using_subcommand completions" -l bearer-token -d 'Bearer token' -r
complete -c infer -n "__fish_infer_using_subcommand completions" -l ca-cert -d 'Trust this PEM CA certificate (Elasticsearch\'s http_ca.crt) instead of the system roots' -r -F
complete -c infer -n "__fish_infer_using_subcommand completions" -l ca-fingerprint -d 'Trust the CA in the server\'s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual' -r
complete -c infer -n "__fish_infer_using_subcommand completions" -l client-cert -d 'Client certificate (PEM) for servers that ask for one; needs --client-key' -r -F
complete -c infer -n "__fish_infer_using_subcommand completions" -l client-key -d 'Private key (PEM) of --client-cert' -r -F
complete -c infer -n "__fish_infer_using_subcommand completions" -l retries -d 'How many times to retry a request that failed to connect or met a busy server [default: 3]' -r
complete -c infer -n "__fish_infer_using_subcommand completions" -l connect-timeout -d 'Time limit to connect [default: 10s]' -r
complete -c infer -n "__fish_infer_using_subcommand completions" -l timeout -d 'Time limit of each request [default: longer than the server\'s own: 60s, 150s for completion endpoints]' -r
complete -c infer -n "__fish_infer_using_subcommand completions" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infer -n "__fish_infer_using_subcommand completions" -l all-profiles -d 'Every profile of the config file, one cluster each (plan, apply, rotate, diff)'
complete -c infer -n "__fish_infer_using_subcommand completions" -l insecure -d 'Do not verify the server\'s TLS certificate (warns on every run)'
complete -c infer -n "__fish_infer_using_subcommand completions" -s v -l verbose -d 'Show each request and response on stderr (credentials and secrets masked)'
complete -c infer -n "__fish_infer_using_subcommand completions" -l curl -d 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)'
complete -c infer -n "__fish_infer_using_subcommand completions" -s q -l quiet -d 'Print only the result, warnings and errors'
complete -c infer -n "__fish_infer_using_subcommand completions" -s h -l help -d 'Print help'
complete -c infer -n "__fish_infer_using_subcommand man" -l dir -d 'Write every page (infer.1, infer-update.1, ...) into this directory instead' -r -F
complete -c infer -n "__fish_infer_using_subcommand man" -l profile -d 'Profile from the config file (default: its default_profile); plan, apply, rotate and diff take it more than once, one cluster each' -r
complete -c infer -n "__fish_infer_using_subcommand man" -l url -d 'Elasticsearch URL [default: http://localhost:9200]' -r
complete -c infer -n "__fish_infer_using_subcommand man" -l cloud-id -d 'Elastic Cloud ID, used instead of --url' -r
complete -c infer -n "__fish_infer_using_subcommand man" -l api-key -d 'API key: the encoded value, or ID:KEY (encoded for you)' -r
complete -c infer -n "__fish_infer_using_subcommand man" -l username -d 'Username for basic authentication' -r
complete -c infer -n "__fish_infer_using_subcommand man" -l password -d 'Password for basic authentication (asked for on a terminal when missing)' -r
complete -c infer -n "__fish_infer_using_subcommand man" -l bearer-token -d 'Bearer token' -r
complete -c infer -n "__fish_infer_using_subcommand man" -l ca-cert -d 'Trust this PEM CA certificate (Elasticsearch\'s http_ca.crt) instead of the system roots' -r -F
complete -c infer -n "__fish_infer_using_subcommand man" -l ca-fingerprint -d 'Trust the CA in the server\'s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual' -r
complete -c infer -n "__fish_infer_using_subcommand man" -l client-cert -d 'Client certificate (PEM) for servers that ask for one; needs --client-key' -r -F
complete -c infer -n "__fish_infer_using_subcommand man" -l client-key -d 'Private key (PEM) of --client-cert' -r -F
complete -c infer -n "__fish_infer_using_subcommand man" -l retries -d 'How many times to retry a request that failed to connect or met a busy server [default: 3]' -r
complete -c infer -n "__fish_infer_using_subcommand man" -l connect-timeout -d 'Time limit to connect [default: 10s]' -r
complete -c infer -n "__fish_infer_using_subcommand man" -l timeout -d 'Time limit of each request [default: longer than the server\'s own: 60s, 150s for completion endpoints]' -r
complete -c infer -n "__fish_infer_using_subcommand man" -l color -d 'When to colour output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infer -n "__fish_infer_using_subcommand man" -l all-profiles -d 'Every profile of the config file, one cluster each (plan, apply, rotate, diff)'
complete -c infer -n "__fish_infer_using_subcommand man" -l insecure -d 'Do not verify the server\'s TLS certificate (warns on every run)'
complete -c infer -n "__fish_infer_using_subcommand man" -s v -l verbose -d 'Show each request and response on stderr (credentials and secrets masked)'
complete -c infer -n "__fish_infer_using_subcommand man" -l curl -d 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)'
complete -c infer -n "__fish_infer_using_subcommand man" -s q -l quiet -d 'Print only the result, warnings and errors'
complete -c infer -n "__fish_infer_using_subcommand man" -s h -l help -d 'Print help'
complete -c infer -n "__fish_infer_using_subcommand help; and not __fish_seen_subcommand_from get list create update edit delete probe export plan apply rotate diff services check config completions man help" -f -a "get" -d 'Show inference endpoints, in the shape `update --settings` accepts'
complete -c infer -n "__fish_infer_using_subcommand help; and not __fish_seen_subcommand_from get list create update edit delete probe export plan apply rotate diff services check config completions man help" -f -a "list" -d 'List inference endpoints: a table on a terminal, JSON when piped'
complete -c infer -n "__fish_infer_using_subcommand help; and not __fish_seen_subcommand_from get list create update edit delete probe export plan apply rotate diff services check config completions man help" -f -a "create" -d 'Create an inference endpoint (PUT /_inference/{task_type}/{id})'
complete -c infer -n "__fish_infer_using_subcommand help; and not __fish_seen_subcommand_from get list create update edit delete probe export plan apply rotate diff services check config completions man help" -f -a "update" -d 'Change an existing inference endpoint (PUT /_inference/{task_type}/{id}/_update)'
complete -c infer -n "__fish_infer_using_subcommand help; and not __fish_seen_subcommand_from get list create update edit delete probe export plan apply rotate diff services check config completions man help" -f -a "edit" -d 'Edit an endpoint in $VISUAL or $EDITOR, then send only what changed'
complete -c infer -n "__fish_infer_using_subcommand help; and not __fish_seen_subcommand_from get list create update edit delete probe export plan apply rotate diff services check config completions man help" -f -a "delete" -d 'Delete inference endpoints (asks first on a terminal)'
complete -c infer -n "__fish_infer_using_subcommand help; and not __fish_seen_subcommand_from get list create update edit delete probe export plan apply rotate diff services check config completions man help" -f -a "probe" -d 'Send one small inference request through an endpoint: proof that it (and its key) works'
complete -c infer -n "__fish_infer_using_subcommand help; and not __fish_seen_subcommand_from get list create update edit delete probe export plan apply rotate diff services check config completions man help" -f -a "export" -d 'Write the cluster\'s endpoints as a file plan and apply read, secrets as env: references'
complete -c infer -n "__fish_infer_using_subcommand help; and not __fish_seen_subcommand_from get list create update edit delete probe export plan apply rotate diff services check config completions man help" -f -a "plan" -d 'Compare a file of endpoints with the cluster: what apply would do'
complete -c infer -n "__fish_infer_using_subcommand help; and not __fish_seen_subcommand_from get list create update edit delete probe export plan apply rotate diff services check config completions man help" -f -a "apply" -d 'Make the cluster\'s endpoints what a file of endpoints says'
complete -c infer -n "__fish_infer_using_subcommand help; and not __fish_seen_subcommand_from get list create update edit delete probe export plan apply rotate diff services check config completions man help" -f -a "rotate" -d 'Rotate a provider secret across many endpoints at once'
complete -c infer -n "__fish_infer_using_subcommand help; and not __fish_seen_subcommand_from get list create update edit delete probe export plan apply rotate diff services check config completions man help" -f -a "diff" -d 'Compare the endpoints of two clusters (two profiles): what only one has, what differs'
complete -c infer -n "__fish_infer_using_subcommand help; and not __fish_seen_subcommand_from get list create update edit delete probe export plan apply rotate diff services check config completions man help" -f -a "services" -d 'Show the services the server offers, and their settings'
complete -c infer -n "__fish_infer_using_subcommand help; and not __fish_seen_subcommand_from get list create update edit delete probe export plan apply rotate diff services check config completions man help" -f -a "check" -d 'Check that this connection can do the job: reachable, authenticated, privileged'
complete -c infer -n "__fish_infer_using_subcommand help; and not __fish_seen_subcommand_from get list create update edit delete probe export plan apply rotate diff services check config completions man help" -f -a "config" -d 'Profiles: show the connection in use and where each value comes from, list, create'
complete -c infer -n "__fish_infer_using_subcommand help; and not __fish_seen_subcommand_from get list create update edit delete probe export plan apply rotate diff services check config completions man help" -f -a "completions" -d 'Print a static shell completion script; `COMPLETE=SHELL infer` prints a dynamic one'
complete -c infer -n "__fish_infer_using_subcommand help; and not __fish_seen_subcommand_from get list create update edit delete probe export plan apply rotate diff services check config completions man help" -f -a "man" -d 'Print infer\'s manual pages (roff), or write them all to a directory'
complete -c infer -n "__fish_infer_using_subcommand help; and not __fish_seen_subcommand_from get list create update edit delete probe export plan apply rotate diff services check config completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c infer -n "__fish_infer_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'The connection in use: each setting, its value (secrets masked) and where it came from'
complete -c infer -n "__fish_infer_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "list" -d 'The profiles in the config file'
complete -c infer -n "__fish_infer_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "init" -d 'Write a profile to the config file (mode 0600): asked on a terminal, or given as flags'
