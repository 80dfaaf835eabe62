-- The queries EF Core sends for the coach dashboard (GET /api/v1/coach/clients) and a person's progress
-- (GET /api/v1/me/progress), as logged with Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information,
-- under EXPLAIN (ANALYZE, BUFFERS), with the values the app would send. For a database that Limber.DataBench generated
-- and kept (--keep-database); see bench/README.md, "Data at scale (issue 11)":
--
--   psql "host=127.0.0.1 port=PORT user=postgres dbname=limber_bench_..." -f bench/data/explain.sql
--
-- The dashboard's audit-event INSERT (200 rows in one statement) is not here: it writes.
\set ON_ERROR_STOP on
\pset pager off

-- The coach's clients (every link is active), and the first client for the progress queries.
SELECT array_agg("PersonId")::text AS ids FROM "CoachLinks" WHERE "EndedAt" IS NULL \gset
SELECT "PersonId"::text AS person FROM "CoachLinks" WHERE "Label" = 'Client 001' \gset
SELECT "CoachId"::text AS coach FROM "CoachLinks" LIMIT 1 \gset
-- The dashboard's windows (DashboardRecords.ReadAsync), today included: 28 days of sessions, 7 with their exercises,
-- 21 of check-ins (the dose rules' two review weeks and the one before), stops since 15 days ago. (The app counts from
-- the earliest "today" of the clients' time zones, a day earlier for those behind UTC.)
SELECT (current_date - 27)::text AS sessions_from, (current_date - 6)::text AS dose_from,
       (current_date - 20)::text AS checkins_from, (now() - interval '15 days')::text AS stops_since \gset
SELECT "StartedOn"::text AS started FROM "Programs" WHERE "PersonId" = :'person' AND "Status" = 'Active' \gset

\echo '==== dashboard: the coach'
EXPLAIN (ANALYZE, BUFFERS) SELECT o."Id", o."AddedAt", o."DisplayName", o."IsAdmin", o."IsCoach", o."OrganisationId", o."PersonId"
FROM "OrganisationMembers" AS o WHERE o."PersonId" = :'coach' ORDER BY o."AddedAt", o."Id";
EXPLAIN (ANALYZE, BUFFERS) SELECT c."Id", c."CoachId", c."CoachName", c."ConsentVersion", c."EndedAt", c."EndedBy", c."InviteId", c."Label",
  c."OrganisationId", c."PersonId", c."SharesChangedAt", c."SharesProgram", c."SharesProgress", c."SharesScreens", c."SharesSessions", c."StartedAt"
FROM "CoachLinks" AS c WHERE c."CoachId" = :'coach' AND c."EndedAt" IS NULL;

\echo '==== dashboard: consents, profiles, programs'
EXPLAIN (ANALYZE, BUFFERS) SELECT DISTINCT c."PersonId" FROM "Consents" AS c
WHERE c."PersonId" = ANY (:'ids'::uuid[]) AND c."Purpose" = 'health-data' AND c."WithdrawnAt" IS NULL;
EXPLAIN (ANALYZE, BUFFERS) SELECT p.* FROM "Profiles" AS p WHERE p."PersonId" = ANY (:'ids'::uuid[]);
EXPLAIN (ANALYZE, BUFFERS) SELECT p.* FROM "Programs" AS p WHERE p."PersonId" = ANY (:'ids'::uuid[]) AND p."Status" = 'Active';

\echo '==== dashboard: 28 days of sessions'
EXPLAIN (ANALYZE, BUFFERS) SELECT s."PersonId", s."Date", s."FinishedAt" IS NOT NULL AS "Finished"
FROM "Sessions" AS s WHERE s."PersonId" = ANY (:'ids'::uuid[]) AND s."Date" >= :'sessions_from'::date;

\echo '==== dashboard: stops of the last 15 days'
EXPLAIN (ANALYZE, BUFFERS) SELECT s.* FROM "SessionStops" AS s WHERE s."PersonId" = ANY (:'ids'::uuid[]) AND s."At" >= :'stops_since'::timestamptz;

\echo '==== dashboard: 7 days of sessions, then their exercises'
EXPLAIN (ANALYZE, BUFFERS) SELECT s.* FROM "Sessions" AS s WHERE s."PersonId" = ANY (:'ids'::uuid[]) AND s."Date" >= :'dose_from'::date;
EXPLAIN (ANALYZE, BUFFERS) SELECT e."SessionId", e."ExerciseId", e."Completed", e."WorstPain", e."Feedback"
FROM "Sessions" AS s INNER JOIN "ExerciseLogs" AS e ON s."Id" = e."SessionId" AND s."PersonId" = e."PersonId"
WHERE s."PersonId" = ANY (:'ids'::uuid[]) AND s."Date" >= :'dose_from'::date;

\echo '==== dashboard: check-ins'
EXPLAIN (ANALYZE, BUFFERS) SELECT c."PersonId", c."Date", c."PainNow", c."MorningStiffnessMinutes"
FROM "CheckIns" AS c WHERE c."PersonId" = ANY (:'ids'::uuid[]) AND c."Date" >= :'checkins_from'::date;

\echo '==== dashboard: every everyday-activity rating'
EXPLAIN (ANALYZE, BUFFERS) SELECT p."Id", p."PersonId", p."Name", p."Score", p."RecordedAt"
FROM "ProfileActivities" AS p WHERE p."PersonId" = ANY (:'ids'::uuid[]);

\echo '==== dashboard: the latest full screen of each client'
EXPLAIN (ANALYZE, BUFFERS) SELECT j3.* FROM (
    SELECT j."PersonId" FROM "JudgedScreens" AS j WHERE j."PersonId" = ANY (:'ids'::uuid[]) AND j."Kind" = 'Full' GROUP BY j."PersonId"
) AS j1
LEFT JOIN (
    SELECT j2.* FROM (
        SELECT j0.*, ROW_NUMBER() OVER(PARTITION BY j0."PersonId" ORDER BY j0."TakenAt" DESC, j0."Id" DESC) AS row
        FROM "JudgedScreens" AS j0 WHERE j0."PersonId" = ANY (:'ids'::uuid[]) AND j0."Kind" = 'Full'
    ) AS j2 WHERE j2.row <= 1
) AS j3 ON j1."PersonId" = j3."PersonId";

\echo '==== dashboard: clients with an urgent or emergency screen at all'
EXPLAIN (ANALYZE, BUFFERS) SELECT DISTINCT j."PersonId" FROM "JudgedScreens" AS j
WHERE j."PersonId" = ANY (:'ids'::uuid[]) AND j."Disposition" IN ('Urgent', 'Emergency');

\echo '==== progress of one client (ProgressReader.ReadAsync)'
EXPLAIN (ANALYZE, BUFFERS) SELECT c.* FROM "Consents" AS c
WHERE c."PersonId" = :'person' AND c."Purpose" = 'health-data' AND c."WithdrawnAt" IS NULL ORDER BY c."GivenAt" DESC LIMIT 1;
EXPLAIN (ANALYZE, BUFFERS) SELECT p.* FROM "Profiles" AS p WHERE p."PersonId" = :'person' LIMIT 2;
EXPLAIN (ANALYZE, BUFFERS) SELECT p.* FROM "ProfileActivities" AS p WHERE p."PersonId" = :'person';
EXPLAIN (ANALYZE, BUFFERS) SELECT p.* FROM "Programs" AS p
WHERE p."PersonId" = :'person' AND p."Status" = 'Active' ORDER BY p."StartedOn" DESC LIMIT 1;
EXPLAIN (ANALYZE, BUFFERS) SELECT j."Age" FROM "JudgedScreens" AS j WHERE j."PersonId" = :'person' ORDER BY j."TakenAt" DESC LIMIT 1;
EXPLAIN (ANALYZE, BUFFERS) SELECT c.* FROM "CheckIns" AS c
WHERE c."PersonId" = :'person' AND c."Date" >= :'started'::date AND c."Date" <= current_date;
EXPLAIN (ANALYZE, BUFFERS) SELECT s."Date" FROM "Sessions" AS s
WHERE s."PersonId" = :'person' AND s."Date" >= :'started'::date AND s."Date" <= current_date;
