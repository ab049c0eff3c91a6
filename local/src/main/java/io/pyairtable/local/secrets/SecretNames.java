package io.pyairtable.local.secrets;

import io.pyairtable.local.aws.AwsServiceException;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Secret name validation and ARNs, following AWS: names of 1–512 characters from {@code A-Za-z0-9/_+=.@-}. */
final class SecretNames {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";
    static final String ARN_PREFIX = "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:";

    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretNames() {
    }

    /** Throws InvalidParameterException unless {@code name} is a valid secret name. */
    static String requireValidName(String name) {
        if (name == null || name.isEmpty()) {
            throw AwsServiceException.badRequest("InvalidParameterException", "You must provide a value for the Name parameter.");
        }
        if (!VALID_NAME.matcher(name).matches()) {
            throw AwsServiceException.badRequest("InvalidParameterException",
                    "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!");
        }
        return name;
    }

    /** A fresh ARN for {@code name}: AWS appends a hyphen and six random characters. */
    static String newArn(String name) {
        StringBuilder suffix = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            suffix.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
        }
        return ARN_PREFIX + name + "-" + suffix;
    }

    static boolean isArn(String secretId) {
        return secretId.startsWith("arn:");
    }

    /** Whether {@code secretId} names the secret with this full ARN: the full ARN, or the partial ARN without suffix. */
    static boolean arnMatches(String secretId, String arn) {
        return secretId.equals(arn) || secretId.equals(arn.substring(0, arn.length() - 7));
    }
}
