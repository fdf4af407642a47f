import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import PromoterModule from "../modules/promoter"

/** A promoter who is also a store customer (self-enrolment, portal log-in). */
export default defineLink(PromoterModule.linkable.promoter, CustomerModule.linkable.customer)
