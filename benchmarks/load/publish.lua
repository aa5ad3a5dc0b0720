-- POST a compatible (identical) schema to the publish endpoint; each call mints the next patch version.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TESSERA_KEY")
wrk.body = '{"schema": {"type": "object", "properties": {"id": {"type": "string"}, "email": {"type": "string"}}, "required": ["id"]}}'
