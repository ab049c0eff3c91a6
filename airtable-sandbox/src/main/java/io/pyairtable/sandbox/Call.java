package io.pyairtable.sandbox;

import java.util.List;

/**
 * An authenticated, authorised and admitted API call: the request, the caller's token, the base it
 * addresses (or {@code null}) and the remaining path parameters of the matched route.
 */
record Call(ApiRequest request, AccessToken token, Base base, List<String> params) {

    String param(int index) {
        return params.get(index);
    }
}
