using BudgetBuddy.Api.Http;

namespace BudgetBuddy.Api.Categories;

internal static class CategoryValidation
{
    public static ValidationErrors Validate(CreateCategoryRequest request)
    {
        var errors = new ValidationErrors();
        TextRules.RequireName("name", request.Name, errors);
        TextRules.RequireName("group", request.Group, errors);
        return errors;
    }

    public static ValidationErrors Validate(UpdateCategoryRequest request)
    {
        var errors = new ValidationErrors();
        if (request.Name is not null)
        {
            TextRules.CheckName("name", request.Name, errors);
        }
        if (request.Group is not null)
        {
            TextRules.CheckName("group", request.Group, errors);
        }
        return errors;
    }
}
