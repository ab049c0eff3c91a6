package io.pyairtable.sandbox;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps request paths to endpoint operations and applies, in order: route lookup (404/405),
 * authentication (401), base access and scope checks (403) and rate limiting (429).
 *
 * <pre>
 * GET  /attachments/{attachmentId}/{filename}                      (no auth: attachment URLs are public)
 * GET  /v0/meta/whoami
 * GET  /v0/meta/bases
 * GET|POST /v0/meta/bases/{baseId}/tables
 * PATCH /v0/meta/bases/{baseId}/tables/{table}
 * POST /v0/meta/bases/{baseId}/tables/{table}/fields
 * PATCH /v0/meta/bases/{baseId}/tables/{table}/fields/{fieldId}
 * GET|POST|PATCH|PUT|DELETE /v0/{baseId}/{table}
 * POST /v0/{baseId}/{table}/listRecords
 * GET|PATCH|PUT|DELETE /v0/{baseId}/{table}/{recordId}
 * POST /v0/{baseId}/{recordId}/{attachmentField}/uploadAttachment
 * GET|POST|DELETE /_sandbox/faults, GET|DELETE /_sandbox/faults/{id}   (only with admin endpoints; no auth)
 * </pre>
 *
 * A request that passes all checks goes through the {@link FaultInjector} before (or instead of)
 * its operation.
 */
final class Router {

    /** What one method on a route does and which scope it needs ({@code null} = none). */
    record Operation(String scope, Function<Call, ApiResponse> action) {
    }

    /** A matched route: the base it addresses, its path parameters and its operations by method. */
    private record Match(String baseId, List<String> params, Map<String, Operation> operations) {
    }

    private final Workspace workspace;
    private final TokenRegistry tokens;
    private final RateLimiter rateLimiter;
    private final RecordsEndpoint records;
    private final MetaEndpoint meta;
    private final AttachmentsEndpoint attachments;
    private final FaultInjector faults;
    private final FaultAdminEndpoint admin;

    /** @param admin the fault admin routes, or {@code null} when they are disabled (404) */
    Router(Workspace workspace, TokenRegistry tokens, RateLimiter rateLimiter, RecordsEndpoint records,
            MetaEndpoint meta, AttachmentsEndpoint attachments, FaultInjector faults, FaultAdminEndpoint admin) {
        this.workspace = workspace;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.records = records;
        this.meta = meta;
        this.attachments = attachments;
        this.faults = faults;
        this.admin = admin;
    }

    ApiResponse route(ApiRequest request) {
        List<String> path = request.segments();
        if (path.size() == 3 && path.get(0).equals("attachments")) {
            if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
                throw AirtableErrors.methodNotAllowed(request.method());
            }
            return attachments.download(path.get(1));
        }
        if (admin != null && !path.isEmpty() && path.get(0).equals(FaultAdminEndpoint.ROOT)) {
            return admin.route(request);
        }
        Match match = match(path);
        if (match == null) {
            throw AirtableErrors.notFound();
        }
        Operation operation = match.operations().get(request.method());
        if (operation == null) {
            throw AirtableErrors.methodNotAllowed(request.method());
        }
        AccessToken token = tokens.fromAuthorizationHeader(request.authorization())
                .orElseThrow(AirtableErrors::authenticationRequired);
        Base base = null;
        if (match.baseId() != null) {
            base = workspace.read(() -> workspace.base(match.baseId()).orElse(null));
            if (base == null || !token.canAccess(base.id())) {
                throw AirtableErrors.invalidPermissions();
            }
        }
        if (operation.scope() != null && !token.hasScope(operation.scope())) {
            throw AirtableErrors.invalidPermissions();
        }
        if (!rateLimiter.tryAcquire(token.value(), match.baseId())) {
            throw AirtableErrors.rateLimited();
        }
        Call call = new Call(request, token, base, match.params());
        return faults.handle(request, () -> operation.action().apply(call));
    }

    private Match match(List<String> path) {
        if (path.size() < 2 || !path.get(0).equals("v0")) {
            return null;
        }
        return path.get(1).equals("meta") ? matchMeta(path) : matchData(path);
    }

    private Match matchMeta(List<String> path) {
        int size = path.size();
        if (size == 3 && path.get(2).equals("whoami")) {
            return new Match(null, List.of(), Map.of("GET", new Operation(null, meta::whoami)));
        }
        if (size < 3 || !path.get(2).equals("bases")) {
            return null;
        }
        if (size == 3) {
            return new Match(null, List.of(), Map.of("GET", new Operation(Scopes.SCHEMA_READ, meta::listBases)));
        }
        String baseId = path.get(3);
        if (size == 5 && path.get(4).equals("tables")) {
            return new Match(baseId, List.of(), Map.of(
                    "GET", new Operation(Scopes.SCHEMA_READ, meta::listTables),
                    "POST", new Operation(Scopes.SCHEMA_WRITE, meta::createTable)));
        }
        if (size == 6 && path.get(4).equals("tables")) {
            return new Match(baseId, List.of(path.get(5)), Map.of(
                    "PATCH", new Operation(Scopes.SCHEMA_WRITE, meta::updateTable)));
        }
        if (size == 7 && path.get(4).equals("tables") && path.get(6).equals("fields")) {
            return new Match(baseId, List.of(path.get(5)), Map.of(
                    "POST", new Operation(Scopes.SCHEMA_WRITE, meta::createField)));
        }
        if (size == 8 && path.get(4).equals("tables") && path.get(6).equals("fields")) {
            return new Match(baseId, List.of(path.get(5), path.get(7)), Map.of(
                    "PATCH", new Operation(Scopes.SCHEMA_WRITE, meta::updateField)));
        }
        return null;
    }

    private Match matchData(List<String> path) {
        String baseId = path.get(1);
        switch (path.size()) {
            case 3:
                return new Match(baseId, List.of(path.get(2)), Map.of(
                        "GET", new Operation(Scopes.RECORDS_READ, records::listByQuery),
                        "POST", new Operation(Scopes.RECORDS_WRITE, records::create),
                        "PATCH", new Operation(Scopes.RECORDS_WRITE, records::updateBatch),
                        "PUT", new Operation(Scopes.RECORDS_WRITE, records::replaceBatch),
                        "DELETE", new Operation(Scopes.RECORDS_WRITE, records::deleteBatch)));
            case 4:
                if (path.get(3).equals("listRecords")) {
                    return new Match(baseId, List.of(path.get(2)), Map.of(
                            "POST", new Operation(Scopes.RECORDS_READ, records::listByBody)));
                }
                return new Match(baseId, List.of(path.get(2), path.get(3)), Map.of(
                        "GET", new Operation(Scopes.RECORDS_READ, records::get),
                        "PATCH", new Operation(Scopes.RECORDS_WRITE, records::updateOne),
                        "PUT", new Operation(Scopes.RECORDS_WRITE, records::replaceOne),
                        "DELETE", new Operation(Scopes.RECORDS_WRITE, records::deleteOne)));
            case 5:
                if (path.get(4).equals("uploadAttachment")) {
                    return new Match(baseId, List.of(path.get(2), path.get(3)), Map.of(
                            "POST", new Operation(Scopes.RECORDS_WRITE, attachments::upload)));
                }
                return null;
            default:
                return null;
        }
    }
}
