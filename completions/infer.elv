
use builtin;
use str;

set edit:completion:arg-completer[infer] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'infer'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'infer'= {
            cand --url 'Elasticsearch URL [default: http://localhost:9200]'
            cand --cloud-id 'Elastic Cloud ID, used instead of --url'
            cand --api-key 'API key: the encoded value, or ID:KEY (encoded for you)'
            cand --username 'Username for basic authentication'
            cand --password 'Password for basic authentication (asked for on a terminal when missing)'
            cand --bearer-token 'Bearer token'
            cand --ca-cert 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots'
            cand --retries 'How many times to retry a request that failed to connect or met a busy server'
            cand --connect-timeout 'Time limit to connect [default: 10s]'
            cand --timeout 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]'
            cand --color 'When to colour output'
            cand --insecure 'Do not verify the server''s TLS certificate (warns on every run)'
            cand -v 'Show each request and response on stderr (credentials and secrets masked)'
            cand --verbose 'Show each request and response on stderr (credentials and secrets masked)'
            cand -q 'Print only the result, warnings and errors'
            cand --quiet 'Print only the result, warnings and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand get 'Show one inference endpoint, in the shape `update --settings` accepts'
            cand list 'List inference endpoints: a table on a terminal, JSON when piped'
            cand create 'Create an inference endpoint (PUT /_inference/{task_type}/{id})'
            cand update 'Change an existing inference endpoint (PUT /_inference/{task_type}/{id}/_update)'
            cand edit 'Edit an endpoint in $VISUAL or $EDITOR, then send only what changed'
            cand delete 'Delete an inference endpoint (asks first on a terminal)'
            cand services 'Show the services the server offers, and their settings'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'infer;get'= {
            cand --task-type 'Only if it has this task type'
            cand --url 'Elasticsearch URL [default: http://localhost:9200]'
            cand --cloud-id 'Elastic Cloud ID, used instead of --url'
            cand --api-key 'API key: the encoded value, or ID:KEY (encoded for you)'
            cand --username 'Username for basic authentication'
            cand --password 'Password for basic authentication (asked for on a terminal when missing)'
            cand --bearer-token 'Bearer token'
            cand --ca-cert 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots'
            cand --retries 'How many times to retry a request that failed to connect or met a busy server'
            cand --connect-timeout 'Time limit to connect [default: 10s]'
            cand --timeout 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]'
            cand --color 'When to colour output'
            cand --insecure 'Do not verify the server''s TLS certificate (warns on every run)'
            cand -v 'Show each request and response on stderr (credentials and secrets masked)'
            cand --verbose 'Show each request and response on stderr (credentials and secrets masked)'
            cand -q 'Print only the result, warnings and errors'
            cand --quiet 'Print only the result, warnings and errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'infer;list'= {
            cand --task-type 'Only endpoints of this task type'
            cand --service 'Only endpoints of this service'
            cand --url 'Elasticsearch URL [default: http://localhost:9200]'
            cand --cloud-id 'Elastic Cloud ID, used instead of --url'
            cand --api-key 'API key: the encoded value, or ID:KEY (encoded for you)'
            cand --username 'Username for basic authentication'
            cand --password 'Password for basic authentication (asked for on a terminal when missing)'
            cand --bearer-token 'Bearer token'
            cand --ca-cert 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots'
            cand --retries 'How many times to retry a request that failed to connect or met a busy server'
            cand --connect-timeout 'Time limit to connect [default: 10s]'
            cand --timeout 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]'
            cand --color 'When to colour output'
            cand --no-preconfigured 'Hide the preconfigured endpoints (ids starting with ''.'')'
            cand --json 'Print a JSON array even on a terminal'
            cand --insecure 'Do not verify the server''s TLS certificate (warns on every run)'
            cand -v 'Show each request and response on stderr (credentials and secrets masked)'
            cand --verbose 'Show each request and response on stderr (credentials and secrets masked)'
            cand -q 'Print only the result, warnings and errors'
            cand --quiet 'Print only the result, warnings and errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'infer;create'= {
            cand --task-type 'Task type of the new endpoint (or task_type in --settings)'
            cand --service 'Service of the new endpoint, e.g. openai or elasticsearch (or service in --settings)'
            cand --settings 'JSON file with service_settings, task_settings and/or chunking_settings (- for stdin); the object GET /_inference/{id} returns is accepted too'
            cand --service-settings 'service_settings to merge in: a JSON object, or @PATH'
            cand --task-settings 'task_settings to merge in: a JSON object, or @PATH'
            cand --chunking-settings 'chunking_settings (they replace the stored ones): a JSON object, or @PATH'
            cand --set 'Set one value: SECTION.KEY[.KEY...]=STRING or SECTION.KEY:=JSON (repeatable)'
            cand --num-allocations 'Set service_settings.num_allocations'
            cand --secret 'Ask for service_settings.NAME with a hidden prompt (terminal only)'
            cand --secret-env 'Read service_settings.NAME from the environment variable VAR'
            cand --secret-file 'Read service_settings.NAME from a file (- for stdin)'
            cand --server-timeout 'How long the server may wait for the provider (its `timeout` parameter), e.g. 90s or 2m'
            cand --url 'Elasticsearch URL [default: http://localhost:9200]'
            cand --cloud-id 'Elastic Cloud ID, used instead of --url'
            cand --api-key 'API key: the encoded value, or ID:KEY (encoded for you)'
            cand --username 'Username for basic authentication'
            cand --password 'Password for basic authentication (asked for on a terminal when missing)'
            cand --bearer-token 'Bearer token'
            cand --ca-cert 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots'
            cand --retries 'How many times to retry a request that failed to connect or met a busy server'
            cand --connect-timeout 'Time limit to connect [default: 10s]'
            cand --timeout 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]'
            cand --color 'When to colour output'
            cand --no-verify 'Do not compare the server''s answer with what was asked'
            cand --dry-run 'Print the request that would be sent, secrets masked, and send nothing'
            cand --insecure 'Do not verify the server''s TLS certificate (warns on every run)'
            cand -v 'Show each request and response on stderr (credentials and secrets masked)'
            cand --verbose 'Show each request and response on stderr (credentials and secrets masked)'
            cand -q 'Print only the result, warnings and errors'
            cand --quiet 'Print only the result, warnings and errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'infer;update'= {
            cand --task-type 'Task type of the endpoint; found by pre-flight when omitted'
            cand --settings 'JSON file with service_settings, task_settings and/or chunking_settings (- for stdin); the object GET /_inference/{id} returns is accepted too'
            cand --service-settings 'service_settings to merge in: a JSON object, or @PATH'
            cand --task-settings 'task_settings to merge in: a JSON object, or @PATH'
            cand --chunking-settings 'chunking_settings (they replace the stored ones): a JSON object, or @PATH'
            cand --set 'Set one value: SECTION.KEY[.KEY...]=STRING or SECTION.KEY:=JSON (repeatable)'
            cand --num-allocations 'Set service_settings.num_allocations'
            cand --secret 'Ask for service_settings.NAME with a hidden prompt (terminal only)'
            cand --secret-env 'Read service_settings.NAME from the environment variable VAR'
            cand --secret-file 'Read service_settings.NAME from a file (- for stdin)'
            cand --allow-field 'Send service_settings.KEY without the warning that the service does not update it (repeatable)'
            cand --url 'Elasticsearch URL [default: http://localhost:9200]'
            cand --cloud-id 'Elastic Cloud ID, used instead of --url'
            cand --api-key 'API key: the encoded value, or ID:KEY (encoded for you)'
            cand --username 'Username for basic authentication'
            cand --password 'Password for basic authentication (asked for on a terminal when missing)'
            cand --bearer-token 'Bearer token'
            cand --ca-cert 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots'
            cand --retries 'How many times to retry a request that failed to connect or met a busy server'
            cand --connect-timeout 'Time limit to connect [default: 10s]'
            cand --timeout 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]'
            cand --color 'When to colour output'
            cand --no-preflight 'Do not read the endpoint before writing (then --task-type is required)'
            cand --no-verify 'Do not compare the server''s answer with what was asked'
            cand --dry-run 'Print the request that would be sent, secrets masked, with the stored and new value of each key, and send no write'
            cand --insecure 'Do not verify the server''s TLS certificate (warns on every run)'
            cand -v 'Show each request and response on stderr (credentials and secrets masked)'
            cand --verbose 'Show each request and response on stderr (credentials and secrets masked)'
            cand -q 'Print only the result, warnings and errors'
            cand --quiet 'Print only the result, warnings and errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'infer;edit'= {
            cand --url 'Elasticsearch URL [default: http://localhost:9200]'
            cand --cloud-id 'Elastic Cloud ID, used instead of --url'
            cand --api-key 'API key: the encoded value, or ID:KEY (encoded for you)'
            cand --username 'Username for basic authentication'
            cand --password 'Password for basic authentication (asked for on a terminal when missing)'
            cand --bearer-token 'Bearer token'
            cand --ca-cert 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots'
            cand --retries 'How many times to retry a request that failed to connect or met a busy server'
            cand --connect-timeout 'Time limit to connect [default: 10s]'
            cand --timeout 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]'
            cand --color 'When to colour output'
            cand -y 'Send the change without asking first'
            cand --yes 'Send the change without asking first'
            cand --no-verify 'Do not compare the server''s answer with what was asked'
            cand --insecure 'Do not verify the server''s TLS certificate (warns on every run)'
            cand -v 'Show each request and response on stderr (credentials and secrets masked)'
            cand --verbose 'Show each request and response on stderr (credentials and secrets masked)'
            cand -q 'Print only the result, warnings and errors'
            cand --quiet 'Print only the result, warnings and errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'infer;delete'= {
            cand --task-type 'Only if it has this task type'
            cand --url 'Elasticsearch URL [default: http://localhost:9200]'
            cand --cloud-id 'Elastic Cloud ID, used instead of --url'
            cand --api-key 'API key: the encoded value, or ID:KEY (encoded for you)'
            cand --username 'Username for basic authentication'
            cand --password 'Password for basic authentication (asked for on a terminal when missing)'
            cand --bearer-token 'Bearer token'
            cand --ca-cert 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots'
            cand --retries 'How many times to retry a request that failed to connect or met a busy server'
            cand --connect-timeout 'Time limit to connect [default: 10s]'
            cand --timeout 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]'
            cand --color 'When to colour output'
            cand --force 'Delete even when pipelines or indices still use it, or it is preconfigured'
            cand --dry-run 'Delete nothing; show which pipelines and indices use the endpoint'
            cand -y 'Do not ask for confirmation (needed without a terminal)'
            cand --yes 'Do not ask for confirmation (needed without a terminal)'
            cand --insecure 'Do not verify the server''s TLS certificate (warns on every run)'
            cand -v 'Show each request and response on stderr (credentials and secrets masked)'
            cand --verbose 'Show each request and response on stderr (credentials and secrets masked)'
            cand -q 'Print only the result, warnings and errors'
            cand --quiet 'Print only the result, warnings and errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'infer;services'= {
            cand --task-type 'Only services with this task type, and their settings for it'
            cand --url 'Elasticsearch URL [default: http://localhost:9200]'
            cand --cloud-id 'Elastic Cloud ID, used instead of --url'
            cand --api-key 'API key: the encoded value, or ID:KEY (encoded for you)'
            cand --username 'Username for basic authentication'
            cand --password 'Password for basic authentication (asked for on a terminal when missing)'
            cand --bearer-token 'Bearer token'
            cand --ca-cert 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots'
            cand --retries 'How many times to retry a request that failed to connect or met a busy server'
            cand --connect-timeout 'Time limit to connect [default: 10s]'
            cand --timeout 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]'
            cand --color 'When to colour output'
            cand --json 'Print JSON even on a terminal'
            cand --insecure 'Do not verify the server''s TLS certificate (warns on every run)'
            cand -v 'Show each request and response on stderr (credentials and secrets masked)'
            cand --verbose 'Show each request and response on stderr (credentials and secrets masked)'
            cand -q 'Print only the result, warnings and errors'
            cand --quiet 'Print only the result, warnings and errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'infer;completions'= {
            cand --url 'Elasticsearch URL [default: http://localhost:9200]'
            cand --cloud-id 'Elastic Cloud ID, used instead of --url'
            cand --api-key 'API key: the encoded value, or ID:KEY (encoded for you)'
            cand --username 'Username for basic authentication'
            cand --password 'Password for basic authentication (asked for on a terminal when missing)'
            cand --bearer-token 'Bearer token'
            cand --ca-cert 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots'
            cand --retries 'How many times to retry a request that failed to connect or met a busy server'
            cand --connect-timeout 'Time limit to connect [default: 10s]'
            cand --timeout 'Time limit of each request [default: longer than the server''s own: 60s, 150s for completion endpoints]'
            cand --color 'When to colour output'
            cand --insecure 'Do not verify the server''s TLS certificate (warns on every run)'
            cand -v 'Show each request and response on stderr (credentials and secrets masked)'
            cand --verbose 'Show each request and response on stderr (credentials and secrets masked)'
            cand -q 'Print only the result, warnings and errors'
            cand --quiet 'Print only the result, warnings and errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'infer;help'= {
            cand get 'Show one inference endpoint, in the shape `update --settings` accepts'
            cand list 'List inference endpoints: a table on a terminal, JSON when piped'
            cand create 'Create an inference endpoint (PUT /_inference/{task_type}/{id})'
            cand update 'Change an existing inference endpoint (PUT /_inference/{task_type}/{id}/_update)'
            cand edit 'Edit an endpoint in $VISUAL or $EDITOR, then send only what changed'
            cand delete 'Delete an inference endpoint (asks first on a terminal)'
            cand services 'Show the services the server offers, and their settings'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'infer;help;get'= {
        }
        &'infer;help;list'= {
        }
        &'infer;help;create'= {
        }
        &'infer;help;update'= {
        }
        &'infer;help;edit'= {
        }
        &'infer;help;delete'= {
        }
        &'infer;help;services'= {
        }
        &'infer;help;completions'= {
        }
        &'infer;help;help'= {
        }
    ]
    $completions[$command]
}
