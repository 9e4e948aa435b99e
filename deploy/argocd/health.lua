-- Argo CD health check for greeting.dev/GreetingApi.
-- Install as argocd-cm key resource.customizations.health.greeting.dev_GreetingApi
-- (the kustomize component in this folder does that). Argo CD runs it on gopher-lua
-- (Lua 5.1) with the live object in the global `obj`; it must return {status, message}.
--
--   Healthy      Ready=True, and the operator has observed the current generation
--   Progressing  being deleted; no status or no Ready condition yet; status written for an
--                older generation; Ready=Unknown; Ready=False for a transient reason
--   Degraded     Stalled=True, or Ready=False for any other (terminal) reason
--
-- The operator's contract (see deploy/README.md, "Status"): status.observedGeneration is
-- written on every status update, and the Ready condition carries reason and message.

-- Ready reasons that the operator writes while it is still on its way, with Reconciling=True:
-- the first reconcile, and the failures it retries soon by itself (throttling, AWS 5xx or
-- unreachable, a conflict or a vanished object it observes again, an unexpected error).
-- The same list as GreetingApiReconciler.TRANSIENT_READY_REASONS (ArgoCdHealthCheckTest
-- compares them). Every other Ready=False reason (InvalidSpec, InvalidRequest,
-- FunctionNotFound, AccessDenied, LimitExceeded, AwsRequestFailed) comes with Stalled=True: it
-- needs a person (a spec change, an IAM fix, a missing function) and is reported as Degraded.
local transientReasons = {
  Reconciling = true,
  Throttled = true,
  AwsUnavailable = true,
  AwsUnreachable = true,
  Conflict = true,
  NotFound = true,
  ReconcileError = true,
}

local function condition(conditions, conditionType)
  for _, c in ipairs(conditions) do
    if c.type == conditionType then
      return c
    end
  end
  return nil
end

-- "Reason: message", or whichever of the two is there.
local function describe(c)
  local reason = c.reason or ""
  local message = c.message or ""
  if reason ~= "" and message ~= "" then
    return reason .. ": " .. message
  end
  return reason .. message
end

local function result(status, message)
  return { status = status, message = message }
end

local function check(o)
  local meta = o.metadata or {}
  if meta.deletionTimestamp ~= nil then
    return result("Progressing", "Deleting: waiting for the operator to remove the REST API and release the finalizer")
  end

  local status = o.status
  if status == nil or status.conditions == nil then
    return result("Progressing", "Waiting for the operator to reconcile")
  end

  local ready = condition(status.conditions, "Ready")
  if ready == nil then
    return result("Progressing", "Waiting for the Ready condition")
  end

  local generation = meta.generation
  if generation ~= nil then
    local observed = status.observedGeneration
    if observed == nil or observed < generation then
      return result("Progressing", "Waiting for generation " .. generation .. " to be reconciled (observed "
        .. tostring(observed or "none") .. ")")
    end
    if ready.observedGeneration ~= nil and ready.observedGeneration < generation then
      return result("Progressing", "Ready condition is for generation " .. ready.observedGeneration
        .. ", waiting for " .. generation)
    end
  end

  local stalled = condition(status.conditions, "Stalled")
  if stalled ~= nil and stalled.status == "True" then
    return result("Degraded", describe(stalled))
  end

  if ready.status == "True" then
    return result("Healthy", status.invokeUrl or describe(ready))
  end

  if ready.status == "False" then
    local reconciling = condition(status.conditions, "Reconciling")
    if transientReasons[ready.reason] or (reconciling ~= nil and reconciling.status == "True") then
      return result("Progressing", describe(ready))
    end
    return result("Degraded", describe(ready))
  end

  return result("Progressing", describe(ready))
end

return check(obj)
