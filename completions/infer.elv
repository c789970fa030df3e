
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
            cand update 'Change an existing inference endpoint (PUT /_inference/{task_type}/{id}/_update)'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'infer;update'= {
            cand --task-type 'Task type of the endpoint; found by pre-flight when omitted'
            cand --settings 'JSON file with service_settings, task_settings and/or chunking_settings (- for stdin); the object GET /_inference/{id} returns is accepted too'
            cand --service-settings 'service_settings to merge in: a JSON object, or @PATH'
            cand --task-settings 'task_settings to merge in: a JSON object, or @PATH'
            cand --chunking-settings 'chunking_settings (replace the stored ones on the server): a JSON object, or @PATH'
            cand --set 'Set one value: SECTION.KEY[.KEY...]=STRING or SECTION.KEY:=JSON (repeatable)'
            cand --num-allocations 'Set service_settings.num_allocations'
            cand --secret 'Ask for service_settings.NAME with a hidden prompt (terminal only)'
            cand --secret-env 'Read service_settings.NAME from the environment variable VAR'
            cand --secret-file 'Read service_settings.NAME from a file (- for stdin)'
            cand --url 'Elasticsearch URL [default: http://localhost:9200]'
            cand --cloud-id 'Elastic Cloud ID, used instead of --url'
            cand --api-key 'API key: the encoded value, or ID:KEY (encoded for you)'
            cand --username 'Username for basic authentication'
            cand --password 'Password for basic authentication (asked for on a terminal when missing)'
            cand --bearer-token 'Bearer token'
            cand --ca-cert 'Trust this PEM CA certificate (Elasticsearch''s http_ca.crt) instead of the system roots'
            cand --color 'When to colour output'
            cand --no-preflight 'Do not read the endpoint before writing (then --task-type is required)'
            cand --no-verify 'Do not compare the server''s answer with what was asked'
            cand --dry-run 'Print the request that would be sent, secrets masked, and send no write'
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
            cand update 'Change an existing inference endpoint (PUT /_inference/{task_type}/{id}/_update)'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'infer;help;update'= {
        }
        &'infer;help;completions'= {
        }
        &'infer;help;help'= {
        }
    ]
    $completions[$command]
}
