# The gateway as a container: built with the .NET SDK, run on the ASP.NET runtime (which brings ICU, needed
# to read Burmese typed in Zawgyi). Flows and texts are copied in; compose keeps them on volumes, so what editors
# change in the console survives a new container. The entry point (deploy/entrypoint.sh) runs the gateway, its
# healthcheck, or any `gateway` command: `docker compose run --rm gateway accounts create-admin …`.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Gateway.Web -c Release -o /out \
 && dotnet publish src/Gateway.Cli -c Release -o /out/cli

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /out ./
COPY flows ./flows
COPY localization ./localization
COPY deploy/entrypoint.sh /usr/local/bin/gateway
# Every folder the gateway writes belongs to its user before it stops being root: the journal (messages kept
# while Redis does not answer), and the flows, texts and recordings that editors change from the console (each
# written through a temporary file beside it, so the folders themselves must be writable).
RUN mkdir -p /var/lib/gateway/journal /app/localization/audio \
 && chown -R app:app /var/lib/gateway /app/flows /app/localization \
 && chmod 755 /usr/local/bin/gateway
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Gateway__FlowsPath=/app/flows \
    Gateway__LocalizationPath=/app/localization \
    Gateway__JournalPath=/var/lib/gateway/journal
VOLUME /var/lib/gateway
EXPOSE 8080
# Ready means flows loaded and Redis answering (GET /health/ready), asked by the gateway's own executable: the
# runtime image has no curl. The first start reads and checks every flow and text, hence the grace period.
HEALTHCHECK --interval=30s --timeout=10s --start-period=90s --retries=3 \
    CMD ["dotnet", "/app/Gateway.Web.dll", "healthcheck"]
USER app
ENTRYPOINT ["gateway"]
