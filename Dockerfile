# Lookout's image: build with Maven on a JDK, run on a JRE as a non-root user.
# docker build -t lookout . && docker run -e DISCORD_TOKEN=... -e GOOGLE_CLOUD_PROJECT=... lookout

FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
# Dependencies first, so this layer is reused until a pom changes.
COPY pom.xml .
COPY bot/pom.xml bot/
COPY simulator/pom.xml simulator/
COPY knowledge/pom.xml knowledge/
RUN mvn -B -q dependency:go-offline -DskipTests
COPY . .
RUN mvn -B -q package -DskipTests -Dspotless.check.skip

FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 --home /app lookout
WORKDIR /app
COPY --from=build /src/bot/target/lib/ lib/
COPY --from=build /src/bot/target/lookout.jar lookout.jar
RUN mkdir -p /app/data && chown lookout /app/data
USER lookout
ENV LOOKOUT_DATA_DIR=/app/data PORT=8080 LOG_FORMAT=json
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/lookout.jar"]
