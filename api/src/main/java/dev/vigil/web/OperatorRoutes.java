package dev.vigil.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Billing handlers serve an account's own path ({@code /api/v1/billing/profile}) and the operator's
 * path for any account ({@code /api/v1/operator/accounts/{accountId}/billing/profile}) with one
 * method, whose {@code accountId} is absent on the first. Described as they are sent: the account's
 * own path has no {@code accountId}, the operator's has it, required, and its operation is named
 * apart ({@code operatorGetInvoice}), so a generated client has a method for each.
 */
final class OperatorRoutes implements OpenApiCustomizer {

  static final String PREFIX = "/api/v1/operator/accounts/{accountId}/";

  @Override
  public void customise(OpenAPI openApi) {
    openApi
        .getPaths()
        .forEach(
            (path, item) -> {
              boolean operator = path.startsWith(PREFIX);
              for (Operation operation : item.readOperations()) {
                List<Parameter> parameters = operation.getParameters();
                if (parameters == null) {
                  continue;
                }
                if (!path.contains("{accountId}")) {
                  parameters.removeIf(
                      p -> "accountId".equals(p.getName()) && "path".equals(p.getIn()));
                } else {
                  parameters.stream()
                      .filter(p -> "accountId".equals(p.getName()))
                      .forEach(p -> p.setRequired(true));
                }
                if (operator && !operation.getOperationId().startsWith("operator")) {
                  String id = operation.getOperationId();
                  operation.setOperationId(
                      "operator" + Character.toUpperCase(id.charAt(0)) + id.substring(1));
                }
              }
            });
  }
}
