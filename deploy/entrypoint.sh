#!/bin/sh
# The container's entry point. No arguments: the gateway itself. `healthcheck`: ask the running gateway whether it
# is ready (the image's HEALTHCHECK; exit 0 or 1). Anything else is a `gateway` command, with the container's
# settings (ConnectionStrings__Redis, Gateway__FlowsPath, ...), e.g.
#   docker compose run --rm gateway accounts create-admin --organisation "Hope Shelter" --name "Hotline desk"
#   docker compose run --rm gateway flows validate
set -e
case "${1:-}" in
  "") exec dotnet /app/Gateway.Web.dll ;;
  healthcheck) exec dotnet /app/Gateway.Web.dll "$@" ;;
  *) exec dotnet /app/cli/gateway.dll "$@" ;;
esac
