package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;

/** {@code /}: each role's first page (the login leads here). */
@Controller
@Hidden
class ConsoleHome {

  @GetMapping("/")
  String home(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller) {
    if (caller.operator()) {
      return "redirect:/console/operator/invoices";
    }
    if (caller.role().equals("accountant")) {
      return "redirect:/console/invoices";
    }
    return "redirect:/console/incidents";
  }
}
