
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'infer' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'infer'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'infer' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its default_profile)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Elasticsearch URL [default: http://localhost:9200]')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID, used instead of --url')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded value, or ID:KEY (encoded for you)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication (asked for on a terminal when missing)')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots')
            [CompletionResult]::new('--ca-fingerprint', '--ca-fingerprint', [CompletionResultType]::ParameterName, 'Trust the CA in the server''s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for servers that ask for one; needs --client-key')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --client-cert')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed to connect or met a busy server [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit to connect [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (warns on every run)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show inference endpoints, in the shape `update --settings` accepts')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List inference endpoints: a table on a terminal, JSON when piped')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an inference endpoint (PUT /_inference/{task_type}/{id})')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change an existing inference endpoint (PUT /_inference/{task_type}/{id}/_update)')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit an endpoint in $VISUAL or $EDITOR, then send only what changed')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete inference endpoints (asks first on a terminal)')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Send one small inference request through an endpoint: proof that it (and its key) works')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the cluster''s endpoints as a file plan and apply read, secrets as env: references')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Compare a file of endpoints with the cluster: what apply would do')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make the cluster''s endpoints what a file of endpoints says')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Rotate a provider secret across many endpoints at once')
            [CompletionResult]::new('services', 'services', [CompletionResultType]::ParameterValue, 'Show the services the server offers, and their settings')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check that this connection can do the job: reachable, authenticated, privileged')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Profiles: show the connection in use and where each value comes from, list, create')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a static shell completion script; `COMPLETE=SHELL infer` prints a dynamic one')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print infer''s manual pages (roff), or write them all to a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'infer;get' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only if it has this task type')
            [CompletionResult]::new('--task-type', '--task-type', [CompletionResultType]::ParameterName, 'Only if it has this task type')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its default_profile)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Elasticsearch URL [default: http://localhost:9200]')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID, used instead of --url')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded value, or ID:KEY (encoded for you)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication (asked for on a terminal when missing)')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots')
            [CompletionResult]::new('--ca-fingerprint', '--ca-fingerprint', [CompletionResultType]::ParameterName, 'Trust the CA in the server''s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for servers that ask for one; needs --client-key')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --client-cert')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed to connect or met a busy server [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit to connect [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (warns on every run)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infer;list' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only endpoints of this task type')
            [CompletionResult]::new('--task-type', '--task-type', [CompletionResultType]::ParameterName, 'Only endpoints of this task type')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Only endpoints of this service')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json when piped]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json when piped]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its default_profile)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Elasticsearch URL [default: http://localhost:9200]')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID, used instead of --url')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded value, or ID:KEY (encoded for you)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication (asked for on a terminal when missing)')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots')
            [CompletionResult]::new('--ca-fingerprint', '--ca-fingerprint', [CompletionResultType]::ParameterName, 'Trust the CA in the server''s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for servers that ask for one; needs --client-key')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --client-cert')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed to connect or met a busy server [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit to connect [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--no-preconfigured', '--no-preconfigured', [CompletionResultType]::ParameterName, 'Hide the preconfigured endpoints (ids starting with ''.'')')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array even on a terminal (the same as -o json)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (warns on every run)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infer;create' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Task type of the new endpoint (or task_type in --settings)')
            [CompletionResult]::new('--task-type', '--task-type', [CompletionResultType]::ParameterName, 'Task type of the new endpoint (or task_type in --settings)')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service of the new endpoint, e.g. openai or elasticsearch (or service in --settings)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Start from a copy of this endpoint''s settings (its secrets must still be given)')
            [CompletionResult]::new('--settings', '--settings', [CompletionResultType]::ParameterName, 'JSON file with service_settings, task_settings and/or chunking_settings (- for stdin); the object GET /_inference/{id} returns is accepted too')
            [CompletionResult]::new('--service-settings', '--service-settings', [CompletionResultType]::ParameterName, 'service_settings to merge in: a JSON object, or @PATH')
            [CompletionResult]::new('--task-settings', '--task-settings', [CompletionResultType]::ParameterName, 'task_settings to merge in: a JSON object, or @PATH')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set one value: SECTION.KEY[.KEY...]=STRING or SECTION.KEY:=JSON (repeatable)')
            [CompletionResult]::new('--num-allocations', '--num-allocations', [CompletionResultType]::ParameterName, 'Set service_settings.num_allocations')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Ask for service_settings.NAME with a hidden prompt (terminal only)')
            [CompletionResult]::new('--secret-env', '--secret-env', [CompletionResultType]::ParameterName, 'Read service_settings.NAME from the environment variable VAR')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read service_settings.NAME from a file (- for stdin)')
            [CompletionResult]::new('--server-timeout', '--server-timeout', [CompletionResultType]::ParameterName, 'How long the server may wait for the provider (its `timeout` parameter), e.g. 90s or 2m')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'How long --wait waits, e.g. 90s or 10m (default 5m)')
            [CompletionResult]::new('--chunking-settings', '--chunking-settings', [CompletionResultType]::ParameterName, 'chunking_settings of the new endpoint: a JSON object, or @PATH; settings left out take their defaults')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its default_profile)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Elasticsearch URL [default: http://localhost:9200]')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID, used instead of --url')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded value, or ID:KEY (encoded for you)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication (asked for on a terminal when missing)')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots')
            [CompletionResult]::new('--ca-fingerprint', '--ca-fingerprint', [CompletionResultType]::ParameterName, 'Trust the CA in the server''s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for servers that ask for one; needs --client-key')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --client-cert')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed to connect or met a busy server [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit to connect [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not compare the server''s answer with what was asked')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, secrets masked, and send nothing')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the deployment of an elasticsearch or elser endpoint has its allocations')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (warns on every run)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infer;update' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Task type of the endpoint; found by pre-flight when omitted')
            [CompletionResult]::new('--task-type', '--task-type', [CompletionResultType]::ParameterName, 'Task type of the endpoint; found by pre-flight when omitted')
            [CompletionResult]::new('--settings', '--settings', [CompletionResultType]::ParameterName, 'JSON file with service_settings, task_settings and/or chunking_settings (- for stdin); the object GET /_inference/{id} returns is accepted too')
            [CompletionResult]::new('--service-settings', '--service-settings', [CompletionResultType]::ParameterName, 'service_settings to merge in: a JSON object, or @PATH')
            [CompletionResult]::new('--task-settings', '--task-settings', [CompletionResultType]::ParameterName, 'task_settings to merge in: a JSON object, or @PATH')
            [CompletionResult]::new('--chunking-settings', '--chunking-settings', [CompletionResultType]::ParameterName, 'chunking_settings (they replace the stored ones): a JSON object, or @PATH')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set one value: SECTION.KEY[.KEY...]=STRING or SECTION.KEY:=JSON (repeatable)')
            [CompletionResult]::new('--num-allocations', '--num-allocations', [CompletionResultType]::ParameterName, 'Set service_settings.num_allocations')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Ask for service_settings.NAME with a hidden prompt (terminal only)')
            [CompletionResult]::new('--secret-env', '--secret-env', [CompletionResultType]::ParameterName, 'Read service_settings.NAME from the environment variable VAR')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read service_settings.NAME from a file (- for stdin)')
            [CompletionResult]::new('--unset', '--unset', [CompletionResultType]::ParameterName, 'Reset service_settings.KEY or task_settings.KEY to its default, or clear it: sends null, which only the newest servers understand (repeatable)')
            [CompletionResult]::new('--server-timeout', '--server-timeout', [CompletionResultType]::ParameterName, 'How long the server may wait for the provider (its `timeout` parameter, sent only to Elasticsearch 9.5 and later, which accept it), e.g. 90s or 2m')
            [CompletionResult]::new('--allow-field', '--allow-field', [CompletionResultType]::ParameterName, 'Send service_settings.KEY (or a null at PATH) although infer''s table says the service cannot update it, for when the table lags the server (repeatable)')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'How long --wait waits, e.g. 90s or 10m (default 5m)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its default_profile)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Elasticsearch URL [default: http://localhost:9200]')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID, used instead of --url')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded value, or ID:KEY (encoded for you)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication (asked for on a terminal when missing)')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots')
            [CompletionResult]::new('--ca-fingerprint', '--ca-fingerprint', [CompletionResultType]::ParameterName, 'Trust the CA in the server''s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for servers that ask for one; needs --client-key')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --client-cert')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed to connect or met a busy server [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit to connect [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--no-preflight', '--no-preflight', [CompletionResultType]::ParameterName, 'Do not read the endpoint before writing (then --task-type is required)')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not compare the server''s answer with what was asked')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, secrets masked, with the stored and new value of each key, and send no write')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the deployment of an elasticsearch or elser endpoint has its allocations')
            [CompletionResult]::new('--probe', '--probe', [CompletionResultType]::ParameterName, 'After the update, send one small inference request through the endpoint, to prove that it (and a new key) works')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (warns on every run)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infer;edit' {
            [CompletionResult]::new('--allow-field', '--allow-field', [CompletionResultType]::ParameterName, 'Send service_settings.KEY although infer''s table says the service cannot update it, for when the table lags the server (repeatable)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its default_profile)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Elasticsearch URL [default: http://localhost:9200]')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID, used instead of --url')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded value, or ID:KEY (encoded for you)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication (asked for on a terminal when missing)')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots')
            [CompletionResult]::new('--ca-fingerprint', '--ca-fingerprint', [CompletionResultType]::ParameterName, 'Trust the CA in the server''s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for servers that ask for one; needs --client-key')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --client-cert')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed to connect or met a busy server [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit to connect [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Send the change without asking first')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Send the change without asking first')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not compare the server''s answer with what was asked')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (warns on every run)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infer;delete' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only if it has this task type')
            [CompletionResult]::new('--task-type', '--task-type', [CompletionResultType]::ParameterName, 'Only if it has this task type')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its default_profile)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Elasticsearch URL [default: http://localhost:9200]')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID, used instead of --url')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded value, or ID:KEY (encoded for you)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication (asked for on a terminal when missing)')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots')
            [CompletionResult]::new('--ca-fingerprint', '--ca-fingerprint', [CompletionResultType]::ParameterName, 'Trust the CA in the server''s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for servers that ask for one; needs --client-key')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --client-cert')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed to connect or met a busy server [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit to connect [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Delete even when pipelines or indices still use it, or it is preconfigured (its id starts with ''.'')')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Delete nothing; show which pipelines and indices use the endpoint')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed without a terminal)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (warns on every run)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infer;probe' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Task type of the endpoint; read from the endpoint when omitted')
            [CompletionResult]::new('--task-type', '--task-type', [CompletionResultType]::ParameterName, 'Task type of the endpoint; read from the endpoint when omitted')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its default_profile)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Elasticsearch URL [default: http://localhost:9200]')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID, used instead of --url')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded value, or ID:KEY (encoded for you)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication (asked for on a terminal when missing)')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots')
            [CompletionResult]::new('--ca-fingerprint', '--ca-fingerprint', [CompletionResultType]::ParameterName, 'Trust the CA in the server''s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for servers that ask for one; needs --client-key')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --client-cert')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed to connect or met a busy server [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit to connect [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--answer', '--answer', [CompletionResultType]::ParameterName, 'Include the endpoint''s answer (vectors and all) in the output')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (warns on every run)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infer;export' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: yaml, or what the --out file''s name says]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: yaml, or what the --out file''s name says]')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to this file (named .yaml, .yml or .json), or to this folder, a file per endpoint (an existing folder, or a path ending in /) [default: stdout]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its default_profile)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Elasticsearch URL [default: http://localhost:9200]')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID, used instead of --url')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded value, or ID:KEY (encoded for you)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication (asked for on a terminal when missing)')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots')
            [CompletionResult]::new('--ca-fingerprint', '--ca-fingerprint', [CompletionResultType]::ParameterName, 'Trust the CA in the server''s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for servers that ask for one; needs --client-key')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --client-cert')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed to connect or met a busy server [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit to connect [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (warns on every run)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infer;plan' {
            [CompletionResult]::new('--allow-field', '--allow-field', [CompletionResultType]::ParameterName, 'Send service_settings.KEY although infer''s table says the service cannot update it (repeatable)')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Also write the plan to this file, for `infer apply --plan` (secrets as references)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json when piped]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json when piped]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'JSON or YAML file of endpoints (what `infer export` writes), or a folder of them (repeatable)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'JSON or YAML file of endpoints (what `infer export` writes), or a folder of them (repeatable)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its default_profile)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Elasticsearch URL [default: http://localhost:9200]')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID, used instead of --url')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded value, or ID:KEY (encoded for you)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication (asked for on a terminal when missing)')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots')
            [CompletionResult]::new('--ca-fingerprint', '--ca-fingerprint', [CompletionResultType]::ParameterName, 'Trust the CA in the server''s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for servers that ask for one; needs --client-key')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --client-cert')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed to connect or met a busy server [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit to connect [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Delete the endpoints the cluster has and the file does not (preconfigured ones never)')
            [CompletionResult]::new('--allow-replace', '--allow-replace', [CompletionResultType]::ParameterName, 'Replace (delete, then create) an endpoint whose service or task type differs')
            [CompletionResult]::new('--rotate-secrets', '--rotate-secrets', [CompletionResultType]::ParameterName, 'Send the file''s secrets to endpoints that exist too (secrets cannot be read back, so they are never compared: without this they are sent only on create)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON even on a terminal (the same as -o json)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (warns on every run)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infer;apply' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'JSON or YAML file of endpoints (what `infer export` writes), or a folder of them (repeatable)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'JSON or YAML file of endpoints (what `infer export` writes), or a folder of them (repeatable)')
            [CompletionResult]::new('--allow-field', '--allow-field', [CompletionResultType]::ParameterName, 'Send service_settings.KEY although infer''s table says the service cannot update it (repeatable)')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Carry out the plan `infer plan --out` saved, exactly, instead of planning again; refused when an endpoint it touches changed on the cluster since')
            [CompletionResult]::new('--parallel', '--parallel', [CompletionResultType]::ParameterName, 'How many endpoints are written at once (one write per endpoint at a time)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Format of the report [default: lines on a terminal, json when piped]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the report [default: lines on a terminal, json when piped]')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'How long --wait waits for each endpoint, e.g. 90s or 10m (default 5m)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its default_profile)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Elasticsearch URL [default: http://localhost:9200]')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID, used instead of --url')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded value, or ID:KEY (encoded for you)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication (asked for on a terminal when missing)')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots')
            [CompletionResult]::new('--ca-fingerprint', '--ca-fingerprint', [CompletionResultType]::ParameterName, 'Trust the CA in the server''s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for servers that ask for one; needs --client-key')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --client-cert')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed to connect or met a busy server [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit to connect [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Delete the endpoints the cluster has and the file does not (preconfigured ones never)')
            [CompletionResult]::new('--allow-replace', '--allow-replace', [CompletionResultType]::ParameterName, 'Replace (delete, then create) an endpoint whose service or task type differs')
            [CompletionResult]::new('--rotate-secrets', '--rotate-secrets', [CompletionResultType]::ParameterName, 'Send the file''s secrets to endpoints that exist too (secrets cannot be read back, so they are never compared: without this they are sent only on create)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Write without asking first (required without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Write without asking first (required without a terminal)')
            [CompletionResult]::new('--fail-fast', '--fail-fast', [CompletionResultType]::ParameterName, 'Start nothing new after the first failure')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not compare the server''s answers with what was asked')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the JSON report even on a terminal (the same as -o json)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'After each write, wait until the deployment of the elasticsearch or elser endpoint has its allocations')
            [CompletionResult]::new('--probe', '--probe', [CompletionResultType]::ParameterName, 'After each write, send one small inference request through the endpoint, to prove that it (and a new key) works')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (warns on every run)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infer;rotate' {
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Only endpoints of this service')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only endpoints of this task type')
            [CompletionResult]::new('--task-type', '--task-type', [CompletionResultType]::ParameterName, 'Only endpoints of this task type')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Ask for service_settings.NAME with a hidden prompt (terminal only)')
            [CompletionResult]::new('--secret-env', '--secret-env', [CompletionResultType]::ParameterName, 'Read service_settings.NAME from the environment variable VAR')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read service_settings.NAME from a file (- for stdin)')
            [CompletionResult]::new('--parallel', '--parallel', [CompletionResultType]::ParameterName, 'How many endpoints are written at once (one write per endpoint at a time)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Format of the report [default: lines on a terminal, json when piped]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the report [default: lines on a terminal, json when piped]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its default_profile)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Elasticsearch URL [default: http://localhost:9200]')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID, used instead of --url')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded value, or ID:KEY (encoded for you)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication (asked for on a terminal when missing)')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots')
            [CompletionResult]::new('--ca-fingerprint', '--ca-fingerprint', [CompletionResultType]::ParameterName, 'Trust the CA in the server''s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for servers that ask for one; needs --client-key')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --client-cert')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed to connect or met a busy server [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit to connect [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'List what would be rotated, and write nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Write without asking first (required without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Write without asking first (required without a terminal)')
            [CompletionResult]::new('--fail-fast', '--fail-fast', [CompletionResultType]::ParameterName, 'Start nothing new after the first failure')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not compare the server''s answers with what was asked')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the JSON report even on a terminal (the same as -o json)')
            [CompletionResult]::new('--probe', '--probe', [CompletionResultType]::ParameterName, 'After each write, send one small inference request through the endpoint, to prove that the new key works (a new key starts no deployment: there is no --wait)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (warns on every run)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infer;services' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only services with this task type, and their settings for it')
            [CompletionResult]::new('--task-type', '--task-type', [CompletionResultType]::ParameterName, 'Only services with this task type, and their settings for it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json when piped]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json when piped]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its default_profile)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Elasticsearch URL [default: http://localhost:9200]')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID, used instead of --url')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded value, or ID:KEY (encoded for you)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication (asked for on a terminal when missing)')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots')
            [CompletionResult]::new('--ca-fingerprint', '--ca-fingerprint', [CompletionResultType]::ParameterName, 'Trust the CA in the server''s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for servers that ask for one; needs --client-key')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --client-cert')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed to connect or met a busy server [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit to connect [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON even on a terminal (the same as -o json)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (warns on every run)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infer;check' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its default_profile)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Elasticsearch URL [default: http://localhost:9200]')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID, used instead of --url')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded value, or ID:KEY (encoded for you)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication (asked for on a terminal when missing)')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots')
            [CompletionResult]::new('--ca-fingerprint', '--ca-fingerprint', [CompletionResultType]::ParameterName, 'Trust the CA in the server''s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for servers that ask for one; needs --client-key')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --client-cert')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed to connect or met a busy server [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit to connect [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON even on a terminal')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (warns on every run)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infer;config' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its default_profile)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Elasticsearch URL [default: http://localhost:9200]')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID, used instead of --url')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded value, or ID:KEY (encoded for you)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication (asked for on a terminal when missing)')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots')
            [CompletionResult]::new('--ca-fingerprint', '--ca-fingerprint', [CompletionResultType]::ParameterName, 'Trust the CA in the server''s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for servers that ask for one; needs --client-key')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --client-cert')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed to connect or met a busy server [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit to connect [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (warns on every run)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'The connection in use: each setting, its value (secrets masked) and where it came from')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The profiles in the config file')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a profile to the config file (mode 0600): asked on a terminal, or given as flags')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'infer;config;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its default_profile)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Elasticsearch URL [default: http://localhost:9200]')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID, used instead of --url')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded value, or ID:KEY (encoded for you)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication (asked for on a terminal when missing)')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots')
            [CompletionResult]::new('--ca-fingerprint', '--ca-fingerprint', [CompletionResultType]::ParameterName, 'Trust the CA in the server''s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for servers that ask for one; needs --client-key')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --client-cert')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed to connect or met a busy server [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit to connect [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON even on a terminal')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (warns on every run)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infer;config;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its default_profile)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Elasticsearch URL [default: http://localhost:9200]')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID, used instead of --url')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded value, or ID:KEY (encoded for you)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication (asked for on a terminal when missing)')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots')
            [CompletionResult]::new('--ca-fingerprint', '--ca-fingerprint', [CompletionResultType]::ParameterName, 'Trust the CA in the server''s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for servers that ask for one; needs --client-key')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --client-cert')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed to connect or met a busy server [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit to connect [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON even on a terminal')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (warns on every run)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infer;config;init' {
            [CompletionResult]::new('--api-key-env', '--api-key-env', [CompletionResultType]::ParameterName, 'The API key is in this environment variable (stored as env:VAR)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'The API key is in this file (stored as file:PATH)')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'The password of --username is in this environment variable')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'The password of --username is in this file')
            [CompletionResult]::new('--bearer-token-env', '--bearer-token-env', [CompletionResultType]::ParameterName, 'The bearer token is in this environment variable')
            [CompletionResult]::new('--bearer-token-file', '--bearer-token-file', [CompletionResultType]::ParameterName, 'The bearer token is in this file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its default_profile)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Elasticsearch URL [default: http://localhost:9200]')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID, used instead of --url')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded value, or ID:KEY (encoded for you)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication (asked for on a terminal when missing)')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots')
            [CompletionResult]::new('--ca-fingerprint', '--ca-fingerprint', [CompletionResultType]::ParameterName, 'Trust the CA in the server''s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for servers that ask for one; needs --client-key')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --client-cert')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed to connect or met a busy server [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit to connect [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--no-credential', '--no-credential', [CompletionResultType]::ParameterName, 'No credential (a cluster without security)')
            [CompletionResult]::new('--default', '--default', [CompletionResultType]::ParameterName, 'Make this profile the default one')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (warns on every run)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infer;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'The connection in use: each setting, its value (secrets masked) and where it came from')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The profiles in the config file')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a profile to the config file (mode 0600): asked on a terminal, or given as flags')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'infer;config;help;show' {
            break
        }
        'infer;config;help;list' {
            break
        }
        'infer;config;help;init' {
            break
        }
        'infer;config;help;help' {
            break
        }
        'infer;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its default_profile)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Elasticsearch URL [default: http://localhost:9200]')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID, used instead of --url')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded value, or ID:KEY (encoded for you)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication (asked for on a terminal when missing)')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots')
            [CompletionResult]::new('--ca-fingerprint', '--ca-fingerprint', [CompletionResultType]::ParameterName, 'Trust the CA in the server''s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for servers that ask for one; needs --client-key')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --client-cert')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed to connect or met a busy server [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit to connect [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (warns on every run)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infer;man' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Write every page (infer.1, infer-update.1, ...) into this directory instead')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its default_profile)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Elasticsearch URL [default: http://localhost:9200]')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID, used instead of --url')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded value, or ID:KEY (encoded for you)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication (asked for on a terminal when missing)')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots')
            [CompletionResult]::new('--ca-fingerprint', '--ca-fingerprint', [CompletionResultType]::ParameterName, 'Trust the CA in the server''s chain with this SHA-256 fingerprint (64 hex digits), then verify as usual')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for servers that ask for one; needs --client-key')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --client-cert')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed to connect or met a busy server [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time limit to connect [default: 10s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s TLS certificate (warns on every run)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request and response on stderr (credentials and secrets masked)')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print an equivalent curl command instead of sending the request (credentials and secrets as references to environment variables)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result, warnings and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infer;help' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show inference endpoints, in the shape `update --settings` accepts')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List inference endpoints: a table on a terminal, JSON when piped')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an inference endpoint (PUT /_inference/{task_type}/{id})')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change an existing inference endpoint (PUT /_inference/{task_type}/{id}/_update)')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit an endpoint in $VISUAL or $EDITOR, then send only what changed')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete inference endpoints (asks first on a terminal)')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Send one small inference request through an endpoint: proof that it (and its key) works')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the cluster''s endpoints as a file plan and apply read, secrets as env: references')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Compare a file of endpoints with the cluster: what apply would do')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make the cluster''s endpoints what a file of endpoints says')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Rotate a provider secret across many endpoints at once')
            [CompletionResult]::new('services', 'services', [CompletionResultType]::ParameterValue, 'Show the services the server offers, and their settings')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check that this connection can do the job: reachable, authenticated, privileged')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Profiles: show the connection in use and where each value comes from, list, create')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a static shell completion script; `COMPLETE=SHELL infer` prints a dynamic one')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print infer''s manual pages (roff), or write them all to a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'infer;help;get' {
            break
        }
        'infer;help;list' {
            break
        }
        'infer;help;create' {
            break
        }
        'infer;help;update' {
            break
        }
        'infer;help;edit' {
            break
        }
        'infer;help;delete' {
            break
        }
        'infer;help;probe' {
            break
        }
        'infer;help;export' {
            break
        }
        'infer;help;plan' {
            break
        }
        'infer;help;apply' {
            break
        }
        'infer;help;rotate' {
            break
        }
        'infer;help;services' {
            break
        }
        'infer;help;check' {
            break
        }
        'infer;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'The connection in use: each setting, its value (secrets masked) and where it came from')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The profiles in the config file')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a profile to the config file (mode 0600): asked on a terminal, or given as flags')
            break
        }
        'infer;help;config;show' {
            break
        }
        'infer;help;config;list' {
            break
        }
        'infer;help;config;init' {
            break
        }
        'infer;help;completions' {
            break
        }
        'infer;help;man' {
            break
        }
        'infer;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
