# The gateway as a container: built with the .NET SDK, run on the ASP.NET runtime (which brings ICU, needed
# to read Burmese typed in Zawgyi). Flows and texts are copied in; mount your own over /app/flows and
# /app/localization to edit them without rebuilding (the gateway reloads them). The `gateway` command is in
# /app/cli: `docker-compose exec gateway dotnet cli/gateway.dll accounts create-admin …` uses the container's Redis.
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
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Gateway__FlowsPath=/app/flows \
    Gateway__LocalizationPath=/app/localization \
    Gateway__JournalPath=/var/lib/gateway/journal
VOLUME /var/lib/gateway
EXPOSE 8080
USER app
ENTRYPOINT ["dotnet", "Gateway.Web.dll"]
