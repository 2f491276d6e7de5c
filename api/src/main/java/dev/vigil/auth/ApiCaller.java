package dev.vigil.auth;

/**
 * The authenticated caller of the REST API. Every query a request makes is scoped to its account.
 */
public record ApiCaller(long tokenId, long accountId, String tokenName) {

  public static final String ATTRIBUTE = "vigil.apiCaller";
}
