-- GET one contract by id.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TESSERA_KEY")
