/** HTTP resources of cost: FOCUS imports, the service mapping, budgets and their status, breakdowns and unit costs. */
package com.aiaops.web.cost;
